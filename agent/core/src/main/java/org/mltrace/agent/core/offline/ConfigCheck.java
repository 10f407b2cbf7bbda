package org.mltrace.agent.core.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.agent.core.capture.ExpectedCapture;
import org.mltrace.agent.core.capture.FieldPath;
import org.mltrace.agent.core.config.AgentConfig;
import org.mltrace.agent.core.config.ComponentSpec;
import org.mltrace.agent.core.config.MethodSignature;
import org.mltrace.agent.core.config.VariableSpec;
import org.mltrace.agent.core.matching.MethodMatcher;
import org.mltrace.agent.core.matching.NearestSignatures;
import org.mltrace.agent.core.matching.TypeHierarchy;
import org.mltrace.agent.core.weaving.PlanPreview;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Runs a validated YAML against the class files of a class path the way the agent would at run
 * time: the agent's {@link MethodMatcher} (with its {@link TypeHierarchy} for {@code Class+})
 * chooses the methods, and {@link PlanPreview} (the weaver's own planner and exit analysis) says
 * what each variable resolves to and at which exits it is read.
 *
 * <p>The difference from run time: every class on the class path is considered, not only those the
 * application happens to load, so a method found here may still never be called.
 */
final class ConfigCheck {
  private final ClassPathIndex index;
  private final FieldTypes fieldTypes;

  ConfigCheck(ClassPathIndex index) {
    this.index = index;
    this.fieldTypes = new FieldTypes(index);
  }

  CheckResult check(AgentConfig config) {
    MethodMatcher matcher = new MethodMatcher(config, new TypeHierarchy());
    ClassLoader loader = index.resources();
    Map<MethodSignature, List<CheckResult.Method>> found = new LinkedHashMap<>();
    Map<MethodSignature, Set<String>> owners = new LinkedHashMap<>();
    List<String> classNames = index.classNames();
    for (String className : classNames) {
      if (!matcher.mayConcern(className)) {
        continue;
      }
      List<MethodMatcher.Target> candidates = matcher.candidatesFor(loader, className);
      if (candidates.isEmpty()) {
        continue;
      }
      ClassNode node = index.node(className);
      for (MethodNode m : node.methods) {
        MethodMatcher.Target target = matcher.match(candidates, m.access, m.name, m.desc);
        if (target == null) {
          continue;
        }
        found
            .computeIfAbsent(target.signature(), k -> new ArrayList<>())
            .add(method(node, m, target.component()));
        owners
            .computeIfAbsent(target.signature(), k -> new LinkedHashSet<>())
            .add(className.replace('/', '.'));
      }
    }
    List<String> dotted = classNames.stream().map(n -> n.replace('/', '.')).toList();
    List<CheckResult.Component> components = new ArrayList<>();
    for (ComponentSpec c : config.components()) {
      List<CheckResult.Signature> signatures = new ArrayList<>();
      for (MethodSignature s : c.methods()) {
        List<CheckResult.Method> methods = found.getOrDefault(s, List.of());
        List<String> nearest =
            methods.isEmpty() ? NearestSignatures.of(s, dotted, this::methodsOf) : List.of();
        List<String> subtypes =
            s.includeSubtypes() ? List.copyOf(owners.getOrDefault(s, Set.of())) : List.of();
        signatures.add(new CheckResult.Signature(s, methods, subtypes, nearest));
      }
      components.add(component(c, signatures));
    }
    return new CheckResult(config.source(), classNames.size(), components);
  }

  private CheckResult.Method method(ClassNode owner, MethodNode m, ComponentSpec component) {
    PlanPreview.Method preview = PlanPreview.of(owner, m, component);
    List<CheckResult.Variable> variables = new ArrayList<>();
    for (PlanPreview.Variable v : preview.variables()) {
      variables.add(variable(v));
    }
    return new CheckResult.Method(
        owner.name.replace('/', '.'),
        m.name,
        m.desc,
        variables,
        preview.exitLines(),
        preview.weaveProblem());
  }

  private CheckResult.Variable variable(PlanPreview.Variable v) {
    if (v.source() == PlanPreview.Source.MISSING) {
      return new CheckResult.Variable(v, null, null, null);
    }
    FieldPath path = v.planned().fieldPath();
    List<String> captures = new ArrayList<>();
    Set<String> fieldTypeNames = new LinkedHashSet<>();
    String note = null;
    for (Type declared : v.types()) {
      Type type = declared;
      if (path != null) {
        FieldTypes.Resolved resolved =
            fieldTypes.follow(
                declared, v.variable().substring(path.root().length() + 1).split("\\."));
        type = resolved.type();
        note = resolved.problem();
        if (type != null) {
          fieldTypeNames.add(type.getClassName());
        }
      }
      captures.add(
          type == null
              ? ExpectedCapture.AT_RUN_TIME
              : ExpectedCapture.of(type, v.planned().options()));
    }
    String fieldType = fieldTypeNames.isEmpty() ? null : String.join(" | ", fieldTypeNames);
    return new CheckResult.Variable(
        v, String.join(" | ", new LinkedHashSet<>(captures)), fieldType, note);
  }

  /**
   * Described methods of a class on the class path (as {@link NearestSignatures} wants), or null.
   */
  private List<String> methodsOf(String dottedName) {
    ClassNode node = index.node(dottedName.replace('.', '/'));
    if (node == null) {
      return null;
    }
    List<String> described = new ArrayList<>();
    for (MethodNode m : node.methods) {
      if (!m.name.equals("<clinit>") && (m.access & org.objectweb.asm.Opcodes.ACC_SYNTHETIC) == 0) {
        List<String> params =
            java.util.Arrays.stream(Type.getArgumentTypes(m.desc)).map(Type::getClassName).toList();
        described.add(NearestSignatures.describe(dottedName, m.name, params));
      }
    }
    return described;
  }

  private static CheckResult.Component component(
      ComponentSpec c, List<CheckResult.Signature> signatures) {
    List<CheckResult.Problem> problems = new ArrayList<>();
    boolean anyMethod = false;
    boolean anyRead = false;
    int variableCount = 0;
    for (CheckResult.Signature s : signatures) {
      if (s.methods().isEmpty()) {
        problems.add(
            new CheckResult.Problem(
                s.signature().line(),
                "'"
                    + s.signature().text()
                    + "' matches no method"
                    + (s.nearest().isEmpty()
                        ? " on the class path"
                        : "; nearest: " + String.join(" | ", s.nearest()))));
      }
      for (CheckResult.Method m : s.methods()) {
        anyMethod = true;
        variableCount = Math.max(variableCount, m.variables().size());
        if (m.weaveProblem() != null) {
          problems.add(
              new CheckResult.Problem(
                  s.signature().line(), m.describe() + ": " + m.weaveProblem()));
        }
        for (CheckResult.Variable v : m.variables()) {
          PlanPreview.Variable p = v.preview();
          anyRead |= p.everRead();
          int line = lineOf(c, p);
          String where = s.methods().size() > 1 ? " (in " + m.owner() + "#" + m.name() + ")" : "";
          for (String problem : p.problems()) {
            problems.add(new CheckResult.Problem(line, problem + where));
          }
          if (p.problems().isEmpty() && !p.everRead()) {
            problems.add(
                new CheckResult.Problem(
                    line,
                    "'"
                        + p.variable()
                        + "' is a local not in scope, or not assigned on every path,"
                        + " at any exit; it would always be recorded as absent"
                        + where));
          }
          if (v.fieldNote() != null) {
            problems.add(
                new CheckResult.Problem(line, "'" + p.variable() + "': " + v.fieldNote() + where));
          }
        }
      }
    }
    problems = new ArrayList<>(new LinkedHashSet<>(problems));
    problems.sort(java.util.Comparator.comparingInt(CheckResult.Problem::line));
    String nothing = null;
    if (!anyMethod) {
      nothing = "no method matches its signatures";
    } else if (variableCount > 0 && !anyRead) {
      nothing = "none of its inputs or outputs can be read in any matched method";
    }
    return new CheckResult.Component(c, signatures, problems, nothing);
  }

  private static int lineOf(ComponentSpec c, PlanPreview.Variable v) {
    for (VariableSpec spec : v.input() ? c.inputVariables() : c.outputVariables()) {
      if (spec.name().equals(v.variable())) {
        return spec.line();
      }
    }
    return c.line();
  }
}
