package org.mltrace.agent.core.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mltrace.agent.core.capture.CaptureOptions;
import org.mltrace.agent.core.config.ComponentSpec;
import org.mltrace.agent.core.config.SignatureParser;
import org.mltrace.agent.core.config.VariableSpec;
import org.mltrace.agent.core.matching.NearestSignatures;
import org.mltrace.agent.core.weaving.ParameterNames;
import org.mltrace.agent.core.weaving.PlanPreview;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Proposes components from the class files alone: methods that take or return files, datasets,
 * models, numeric arrays or collections ({@link TypeEvidence}), and methods on a call path from a
 * {@code main} to those. Each proposal's variables are run through {@link PlanPreview}, the
 * weaver's own planner, and only those the agent can read are kept, so the printed YAML passes
 * {@code check} unchanged.
 */
final class ComponentSuggester {
  /** Fewer instructions than this is an accessor or a delegate, not a pipeline stage. */
  private static final int MIN_INSTRUCTIONS = 6;

  private static final int MAIN_PATH_WEIGHT = 2;
  private static final int IN_LOOP_WEIGHT = -3;
  private static final int MAX_LOCALS = 3;
  private static final int MAX_OVERLOADS_NAMED = 3;
  private static final List<String> SKIPPED_PREFIXES =
      List.of("java/", "javax/", "jdk/", "sun/", "com/sun/", "org/mltrace/agent/");
  private static final Set<String> SKIPPED_NAMES =
      Set.of("equals", "hashCode", "toString", "clone", "finalize", "readObject", "writeObject");

  /**
   * A scored method, by name only: its class is parsed again for the few that are proposed, so that
   * scanning a whole class path keeps no class in memory.
   *
   * @param coarse takes or returns a file, dataset or model: a stage, not a per-row helper
   */
  private record Scanned(
      String owner, String name, String desc, int score, List<String> reasons, boolean coarse) {
    Scanned with(int delta, String reason, boolean coarse) {
      List<String> more = new ArrayList<>(reasons);
      more.add(reason);
      return new Scanned(owner, name, desc, score + delta, more, coarse);
    }
  }

  private final ClassPathIndex index;
  private final String packagePrefix;

  /**
   * @param packagePrefix dotted prefix of the classes to propose ({@code com.acme}), or null for
   *     all
   */
  ComponentSuggester(ClassPathIndex index, String packagePrefix) {
    this.index = index;
    this.packagePrefix = packagePrefix == null ? null : packagePrefix.replace('.', '/');
  }

  /** The best {@code limit} proposals, highest score first. */
  List<Suggestion> suggest(int limit) {
    CallGraph graph = new CallGraph();
    // Only methods with evidence keep their class in memory: a whole class path can be scanned.
    Map<String, Scanned> byKey = new HashMap<>();
    Set<String> plain = new HashSet<>();
    for (String className : index.classNames()) {
      if (!inScope(className)) {
        continue;
      }
      ClassNode node = index.node(className);
      for (MethodNode m : node.methods) {
        graph.add(node, m);
        if (!eligible(node, m)) {
          continue;
        }
        Scanned s = scan(node, m);
        String key = CallGraph.key(node.name, m.name, m.desc);
        if (s.score() > 0) {
          byKey.put(key, s);
        } else {
          plain.add(key); // its class is parsed again only if it lies on a path from main
        }
      }
    }
    Set<String> fromMain = graph.reachableFromMain();
    Set<String> onPath = graph.reaching(byKey.keySet());
    for (String key : plain) {
      if (fromMain.contains(key) && onPath.contains(key)) {
        byKey.put(key, rescan(key));
      }
    }
    List<Scanned> ranked = new ArrayList<>();
    for (Map.Entry<String, Scanned> e : byKey.entrySet()) {
      Scanned s = e.getValue();
      if (fromMain.contains(e.getKey()) && onPath.contains(e.getKey())) {
        String main = graph.mainReaching(e.getKey(), fromMain);
        s =
            s.with(
                MAIN_PATH_WEIGHT,
                s.score() > 0
                    ? "reachable from " + readable(main)
                    : "on the call path from " + readable(main) + " to the methods above",
                s.coarse());
      }
      // Only fine-grained methods (arrays and collections alone) look like per-row helpers; a loop
      // over a few datasets (XGBoost's evaluation sets) is no reason to hide predict(DMatrix).
      String loopCaller = graph.callerInLoop(e.getKey());
      if (loopCaller != null && s.score() > 0 && !s.coarse()) {
        s =
            s.with(
                IN_LOOP_WEIGHT,
                "but called inside a loop by " + readable(loopCaller) + " (a run per iteration)",
                false);
      }
      if (s.score() > 0) {
        ranked.add(s);
      }
    }
    ranked.sort(
        Comparator.comparingInt(Scanned::score)
            .reversed()
            .thenComparing(Scanned::owner)
            .thenComparing(Scanned::name)
            .thenComparing(Scanned::desc));
    // One proposal per method name: overloads mostly delegate to one another, and listing each
    // would fill the list with one stage. The others are named in the comment instead.
    Map<String, List<Scanned>> overloads = new HashMap<>();
    for (Scanned s : ranked) {
      overloads.computeIfAbsent(s.owner() + "#" + s.name(), k -> new ArrayList<>()).add(s);
    }
    List<Suggestion> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> proposed = new HashSet<>();
    for (Scanned s : ranked) {
      if (result.size() >= limit) {
        break;
      }
      String method = s.owner() + "#" + s.name();
      if (proposed.contains(method)) {
        continue;
      }
      List<Scanned> others = overloads.get(method).stream().filter(o -> o != s).toList();
      Suggestion suggestion =
          proposal(others.isEmpty() ? s : s.with(0, alsoOverloaded(others), s.coarse()), names);
      if (suggestion != null) {
        result.add(suggestion);
        proposed.add(method);
      }
    }
    return result;
  }

  private static String alsoOverloaded(List<Scanned> others) {
    List<String> shown =
        others.stream()
            .limit(MAX_OVERLOADS_NAMED)
            .map(
                o ->
                    o.name()
                        + "("
                        + Arrays.stream(Type.getArgumentTypes(o.desc()))
                            .map(
                                t ->
                                    t.getClassName()
                                        .substring(t.getClassName().lastIndexOf('.') + 1))
                            .collect(java.util.stream.Collectors.joining(", "))
                        + ")")
            .toList();
    return "also overloaded as "
        + String.join(" | ", shown)
        + (others.size() > shown.size() ? " and " + (others.size() - shown.size()) + " more" : "")
        + " (change the parameter types to trace another, or write (..) for all)";
  }

  private boolean inScope(String className) {
    for (String prefix : SKIPPED_PREFIXES) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return packagePrefix == null || className.startsWith(packagePrefix);
  }

  /** Methods the agent would weave and that do enough work to be a stage. */
  private static boolean eligible(ClassNode owner, MethodNode m) {
    int skipped =
        Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC;
    if ((m.access & skipped) != 0
        || (owner.access & (Opcodes.ACC_ANNOTATION | Opcodes.ACC_SYNTHETIC)) != 0) {
      return false;
    }
    if (m.name.startsWith("<")
        || m.name.startsWith("lambda$")
        || m.name.startsWith("access$")
        || m.name.contains("$")
        || SKIPPED_NAMES.contains(m.name)) {
      return false;
    }
    int real = 0;
    for (AbstractInsnNode insn = m.instructions.getFirst();
        insn != null && real < MIN_INSTRUCTIONS;
        insn = insn.getNext()) {
      if (insn.getOpcode() >= 0) {
        real++;
      }
    }
    return real >= MIN_INSTRUCTIONS;
  }

  private Scanned rescan(String key) {
    String owner = key.substring(0, key.lastIndexOf('.', key.indexOf('(')));
    ClassNode node = index.node(owner);
    for (MethodNode m : node.methods) {
      if (CallGraph.key(owner, m.name, m.desc).equals(key)) {
        return scan(node, m);
      }
    }
    throw new IllegalStateException(key + " vanished from the class path");
  }

  private static Scanned scan(ClassNode owner, MethodNode m) {
    Type[] args = Type.getArgumentTypes(m.desc);
    String[] names = ParameterNames.of(m);
    int score = 0;
    List<String> reasons = new ArrayList<>();
    Set<TypeEvidence> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      TypeEvidence e = TypeEvidence.of(args[i], names[i]);
      if (e != null && seen.add(e)) {
        score += e.weight;
        reasons.add(
            "takes "
                + e.label
                + " "
                + args[i].getClassName()
                + (names[i] != null ? " " + names[i] : ""));
      }
    }
    TypeEvidence returned = TypeEvidence.of(Type.getReturnType(m.desc), null);
    if (returned != null) {
      score += returned.weight;
      reasons.add("returns " + returned.label + " " + Type.getReturnType(m.desc).getClassName());
    }
    if (score > 0 && (m.access & Opcodes.ACC_PUBLIC) == 0) {
      score -= 1; // an internal helper is less likely to be the stage a person thinks of
    }
    seen.add(returned);
    boolean coarse =
        seen.contains(TypeEvidence.FILE)
            || seen.contains(TypeEvidence.STRING_PATH)
            || seen.contains(TypeEvidence.DATASET)
            || seen.contains(TypeEvidence.MODEL);
    return new Scanned(owner.name, m.name, m.desc, Math.max(score, 0), reasons, coarse);
  }

  /** The proposal with the variables the agent can read, or null when it can read none. */
  private Suggestion proposal(Scanned s, Set<String> names) {
    ClassNode node = index.node(s.owner());
    MethodNode m =
        node.methods.stream()
            .filter(x -> x.name.equals(s.name()) && x.desc.equals(s.desc()))
            .findFirst()
            .orElseThrow();
    String owner = s.owner().replace('/', '.');
    List<String> params =
        Arrays.stream(Type.getArgumentTypes(m.desc)).map(Type::getClassName).toList();
    String signature = NearestSignatures.describe(owner, m.name, params);
    String[] paramNames = ParameterNames.of(m);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < paramNames.length; i++) {
      inputs.add(paramNames[i] != null ? paramNames[i] : "arg" + i);
    }
    List<String> outputs = new ArrayList<>();
    if (Type.getReturnType(m.desc).getSort() != Type.VOID) {
      outputs.add("return");
    }
    outputs.addAll(interestingLocals(m, inputs));
    ComponentSpec spec =
        new ComponentSpec(
            "suggested",
            null,
            null,
            List.of(),
            List.of(SignatureParser.parse(signature, 0)),
            variables(inputs),
            variables(outputs),
            0);
    PlanPreview.Method preview = PlanPreview.of(node, m, spec);
    if (preview.weaveProblem() != null) {
      return null;
    }
    List<String> readIn = new ArrayList<>();
    List<String> readOut = new ArrayList<>();
    for (PlanPreview.Variable v : preview.variables()) {
      boolean everyExit = v.atEntry() || v.exitLinesRead().size() == preview.exitLines().size();
      if (v.everRead() && v.problems().isEmpty() && everyExit) {
        (v.input() ? readIn : readOut).add(v.variable());
      }
    }
    if (readIn.isEmpty() && readOut.isEmpty()) {
      return null;
    }
    String name = uniqueName(s.owner(), m.name, names);
    return new Suggestion(name, signature, readIn, readOut, s.score(), s.reasons());
  }

  /** Locals (not parameters) whose type is evidence, e.g. a model built inside the method. */
  private static List<String> interestingLocals(MethodNode m, List<String> parameters) {
    Set<String> result = new LinkedHashSet<>();
    if (m.localVariables != null) {
      for (LocalVariableNode lv : m.localVariables) {
        if (result.size() < MAX_LOCALS
            && !lv.name.equals("this")
            && !parameters.contains(lv.name)
            && TypeEvidence.of(Type.getType(lv.desc), lv.name) != null) {
          result.add(lv.name);
        }
      }
    }
    return List.copyOf(result);
  }

  private static List<VariableSpec> variables(List<String> names) {
    return names.stream().map(n -> new VariableSpec(n, CaptureOptions.DEFAULTS, 0)).toList();
  }

  /** {@code trip_generator_generate}, then {@code _2}, {@code _3} for overloads. */
  private static String uniqueName(String internalOwner, String method, Set<String> taken) {
    String simple = internalOwner.substring(internalOwner.lastIndexOf('/') + 1).replace('$', '_');
    String base =
        (snake(simple) + "_" + snake(method)).replaceAll("_+", "_").replaceAll("^_|_$", "");
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + "_" + n;
    }
    return name;
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String readable(String key) {
    int paren = key.indexOf('(');
    String ownerAndName = key.substring(0, paren);
    int dot = ownerAndName.lastIndexOf('.');
    return ownerAndName.substring(0, dot).replace('/', '.') + "#" + ownerAndName.substring(dot + 1);
  }
}
