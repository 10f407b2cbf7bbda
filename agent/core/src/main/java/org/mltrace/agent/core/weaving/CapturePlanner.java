package org.mltrace.agent.core.weaving;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mltrace.agent.core.capture.CaptureMode;
import org.mltrace.agent.core.capture.FieldPath;
import org.mltrace.agent.core.capture.PlannedVariable;
import org.mltrace.agent.core.config.ComponentSpec;
import org.mltrace.agent.core.config.VariableSpec;
import org.mltrace.agent.core.spelling.Suggestions;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Resolves a component's input and output names against one method: parameters (by name from
 * MethodParameters or the LocalVariableTable, or {@code argN}), {@code this}, {@code return} and
 * locals. For a field path ({@code result.metrics.accuracy}) only the first segment is resolved
 * here; the fields are read from its value at run time ({@link FieldPath}).
 *
 * <p>Parameters and {@code this} named as inputs are read at entry, before the method can reassign
 * them; everything else is read at exit. A name that resolves to nothing becomes {@link
 * VariableSource.Missing} with the nearest names that do exist.
 */
final class CapturePlanner {
  private CapturePlanner() {}

  static CapturePlan plan(String ownerInternalName, MethodNode m, ComponentSpec component) {
    return plan(ownerInternalName, null, m, component);
  }

  /**
   * @param owner the class being woven, to check {@code this.FIELD} paths against its fields; null
   *     to leave them to run time
   */
  static CapturePlan plan(ClassNode owner, MethodNode m, ComponentSpec component) {
    return plan(owner.name, owner, m, component);
  }

  private static CapturePlan plan(
      String ownerInternalName, ClassNode owner, MethodNode m, ComponentSpec component) {
    MethodShape shape =
        new MethodShape(ownerInternalName, m, owner == null ? null : hasLocalNames(owner));
    List<VariableSource> entry = new ArrayList<>();
    List<VariableSource> exit = new ArrayList<>();
    List<PlannedVariable> variables = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<List<String>> variableProblems = new ArrayList<>();
    for (VariableSpec variable : component.inputVariables()) {
      if (variable.options().mode() == CaptureMode.NONE) {
        continue; // capture: none; not read, not recorded
      }
      List<String> own = new ArrayList<>();
      variableProblems.add(own);
      String name = variable.name();
      checkThisField(owner, name, own);
      String root = FieldPath.rootOf(name);
      VariableSource source = shape.resolve(root, own);
      boolean atEntry =
          source instanceof VariableSource.Slot && !(shape.constructor && root.equals("this"));
      if (shape.constructor && root.equals("this") && source instanceof VariableSource.Slot) {
        own.add("'this' is not initialized when a constructor starts; list it under outputs");
        source = new VariableSource.Missing("this in constructor input");
      }
      List<VariableSource> target = atEntry ? entry : exit;
      variables.add(new PlannedVariable(name, true, atEntry, target.size(), variable.options()));
      target.add(source);
      problems.addAll(own);
    }
    for (VariableSpec variable : component.outputVariables()) {
      if (variable.options().mode() == CaptureMode.NONE) {
        continue;
      }
      List<String> own = new ArrayList<>();
      variableProblems.add(own);
      checkThisField(owner, variable.name(), own);
      String name = variable.name();
      VariableSource source = shape.resolve(FieldPath.rootOf(name), own);
      variables.add(new PlannedVariable(name, false, false, exit.size(), variable.options()));
      exit.add(source);
      problems.addAll(own);
    }
    return new CapturePlan(entry, exit, variables, problems, variableProblems);
  }

  /**
   * {@code this.FIELD...} in a class that extends {@code Object} directly: its own fields are all
   * there is, so a missing one is known at weaving (with the nearest names); with a superclass the
   * field may be inherited, which is checked on the object at run time instead.
   */
  private static void checkThisField(ClassNode owner, String name, List<String> problems) {
    FieldPath path = FieldPath.of(name);
    if (owner == null
        || path == null
        || !path.root().equals("this")
        || !"java/lang/Object".equals(owner.superName)) {
      return;
    }
    String field = name.substring("this.".length()).split("\\.")[0];
    List<String> fields = owner.fields.stream().map(f -> f.name).toList();
    if (!fields.contains(field)) {
      List<String> near = Suggestions.nearest(field, fields, 3);
      problems.add(
          "'"
              + name
              + "': "
              + owner.name.replace('/', '.')
              + " has no field '"
              + field
              + "'"
              + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near)));
    }
  }

  /**
   * Whether any method of the class has a LocalVariableTable: none at all means it was compiled
   * without {@code -g}, which is the likely reason a name is missing even from a method that has no
   * parameters to show it.
   */
  private static boolean hasLocalNames(ClassNode owner) {
    return owner.methods.stream()
        .anyMatch(m -> m.localVariables != null && !m.localVariables.isEmpty());
  }

  /** The names and slots a method offers. */
  private static final class MethodShape {
    final boolean isStatic;
    final boolean constructor;
    final Type ownerType;
    final Type[] args;
    final int[] slots;
    final String[] names;
    final Type returnType;
    final List<LocalVariableNode> locals;

    /** Null when the class is not at hand; then only this method's own tables are looked at. */
    final Boolean classHasLocalNames;

    MethodShape(String owner, MethodNode m, Boolean classHasLocalNames) {
      this.classHasLocalNames = classHasLocalNames;
      isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
      constructor = m.name.equals("<init>");
      ownerType = Type.getObjectType(owner);
      args = Type.getArgumentTypes(m.desc);
      returnType = Type.getReturnType(m.desc);
      locals = m.localVariables == null ? List.of() : m.localVariables;
      slots = new int[args.length];
      names = ParameterNames.of(m);
      int slot = isStatic ? 0 : 1;
      for (int i = 0; i < args.length; i++) {
        slots[i] = slot;
        slot += args[i].getSize();
      }
    }

    VariableSource resolve(String name, List<String> problems) {
      if (name.equals("this")) {
        if (isStatic) {
          problems.add("'this' does not exist in a static method");
          return new VariableSource.Missing("static");
        }
        return new VariableSource.Slot(0, ownerType);
      }
      if (name.equals("return")) {
        if (constructor || returnType.getSort() == Type.VOID) {
          problems.add(
              "'return' names no value: the method returns void"
                  + (constructor ? " (for a constructor use 'this')" : ""));
          return new VariableSource.Missing("void");
        }
        return new VariableSource.Return(returnType);
      }
      if (name.matches("arg\\d+")) {
        int n = Integer.parseInt(name.substring(3));
        if (n < args.length) {
          return new VariableSource.Slot(slots[n], args[n]);
        }
      }
      for (int i = 0; i < args.length; i++) {
        if (name.equals(names[i])) {
          return new VariableSource.Slot(slots[i], args[i]);
        }
      }
      for (LocalVariableNode lv : locals) {
        if (lv.name.equals(name)) {
          return new VariableSource.Local(name);
        }
      }
      problems.add(missingMessage(name));
      return new VariableSource.Missing(name);
    }

    private String missingMessage(String name) {
      Set<String> known = new LinkedHashSet<>();
      for (int i = 0; i < args.length; i++) {
        known.add(names[i] != null ? names[i] : "arg" + i);
      }
      for (LocalVariableNode lv : locals) {
        known.add(lv.name);
      }
      if (returnType.getSort() != Type.VOID && !constructor) {
        known.add("return");
      }
      if (!isStatic) {
        known.add("this");
      }
      boolean noDebugInformation =
          classHasLocalNames != null
              ? !classHasLocalNames
              : locals.isEmpty() && args.length > 0 && names[0] == null;
      String hint =
          noDebugInformation
              ? " (the class has no debug information: compile with -g, or use argN)"
              : "";
      List<String> near = Suggestions.nearest(name, known, 3);
      return "no parameter or local named '"
          + name
          + "'"
          + hint
          + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near))
          + "; available: "
          + String.join(", ", known);
    }
  }
}
