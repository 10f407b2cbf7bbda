package org.mltrace.agent.core.offline;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Static calls between the scanned methods, from {@code invoke*} instructions (by the owner named
 * in the instruction: an override reached through virtual dispatch is not followed, so the graph
 * under-approximates). Keys are {@code owner.name+descriptor} in internal form.
 */
final class CallGraph {
  private final Map<String, Set<String>> callees = new HashMap<>();
  private final Map<String, Set<String>> callers = new HashMap<>();
  private final Set<String> mains = new HashSet<>();

  /** Callee to one caller that calls it inside a loop. */
  private final Map<String, String> calledInLoop = new HashMap<>();

  /** Interned: the same callee is named by thousands of call sites across a class path. */
  static String key(String owner, String name, String descriptor) {
    return (owner + "." + name + descriptor).intern();
  }

  void add(ClassNode owner, MethodNode m) {
    String from = key(owner.name, m.name, m.desc);
    if (m.name.equals("main")
        && m.desc.equals("([Ljava/lang/String;)V")
        && (m.access & Opcodes.ACC_STATIC) != 0) {
      mains.add(from);
    }
    List<int[]> loops = loops(m);
    for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
      if (insn instanceof MethodInsnNode call) {
        String to = key(call.owner, call.name, call.desc);
        callees.computeIfAbsent(from, k -> new HashSet<>()).add(to);
        callers.computeIfAbsent(to, k -> new HashSet<>()).add(from);
        int at = m.instructions.indexOf(insn);
        if (loops.stream().anyMatch(l -> l[0] <= at && at <= l[1])) {
          calledInLoop.putIfAbsent(to, from);
        }
      }
    }
  }

  /** Instruction ranges [target, jump] of backward jumps: the bodies of loops. */
  private static List<int[]> loops(MethodNode m) {
    List<int[]> loops = new java.util.ArrayList<>();
    for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
      if (insn instanceof JumpInsnNode jump) {
        int from = m.instructions.indexOf(jump);
        int to = m.instructions.indexOf(jump.label);
        if (to < from) {
          loops.add(new int[] {to, from});
        }
      }
    }
    return loops;
  }

  /**
   * A caller that calls {@code method} inside a loop, or null: such a method runs once per row or
   * per iteration, and tracing it would record a run each time.
   */
  String callerInLoop(String method) {
    return calledInLoop.get(method);
  }

  /** The {@code main(String[])} methods seen. */
  Set<String> mains() {
    return mains;
  }

  /** Every method reachable from a main, the mains included. */
  Set<String> reachableFromMain() {
    return closure(mains, callees);
  }

  /** Every method that can reach one of {@code targets}, the targets included. */
  Set<String> reaching(Collection<String> targets) {
    return closure(targets, callers);
  }

  private static Set<String> closure(Collection<String> start, Map<String, Set<String>> edges) {
    Set<String> seen = new HashSet<>(start);
    Deque<String> todo = new ArrayDeque<>(start);
    while (!todo.isEmpty()) {
      for (String next : edges.getOrDefault(todo.pop(), Set.of())) {
        if (seen.add(next)) {
          todo.push(next);
        }
      }
    }
    return seen;
  }

  /** A main from which {@code method} is reachable, for the "why" comment; null when none. */
  String mainReaching(String method, Set<String> reachable) {
    if (!reachable.contains(method)) {
      return null;
    }
    Set<String> reachers = closure(List.of(method), callers);
    return mains.stream().filter(reachers::contains).sorted().findFirst().orElse(null);
  }
}
