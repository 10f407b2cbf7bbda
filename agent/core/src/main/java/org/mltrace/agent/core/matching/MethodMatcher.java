package org.mltrace.agent.core.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mltrace.agent.core.config.AgentConfig;
import org.mltrace.agent.core.config.ComponentSpec;
import org.mltrace.agent.core.config.MethodSignature;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Answers "which component, if any, does this method belong to?" and remembers which signatures
 * have matched something, for the end-of-run report of those that never did.
 */
public final class MethodMatcher {
  /** A signature together with the component it belongs to. */
  public record Target(ComponentSpec component, MethodSignature signature) {}

  private static final List<String> NEVER_WOVEN =
      List.of(
          "java/",
          "javax/",
          "jdk/",
          "sun/",
          "com/sun/",
          "org/mltrace/agent/",
          "org/objectweb/asm/");

  private final List<Target> targets = new ArrayList<>();
  private final boolean anySubtypePattern;
  private final TypeHierarchy hierarchy;
  private final Set<MethodSignature> matched = ConcurrentHashMap.newKeySet();

  public MethodMatcher(AgentConfig config, TypeHierarchy hierarchy) {
    this.hierarchy = hierarchy;
    for (ComponentSpec c : config.components()) {
      for (MethodSignature s : c.methods()) {
        targets.add(new Target(c, s));
      }
    }
    this.anySubtypePattern = targets.stream().anyMatch(t -> t.signature().includeSubtypes());
  }

  public List<Target> targets() {
    return targets;
  }

  /**
   * The targets whose class part matches this class (by name, or through a supertype for {@code
   * Class+}); empty when the class needs no weaving, which is the common, cheap case.
   */
  public List<Target> candidatesFor(ClassLoader loader, String internalName) {
    for (String prefix : NEVER_WOVEN) {
      if (internalName.startsWith(prefix)) {
        return List.of();
      }
    }
    String dotted = internalName.replace('/', '.');
    List<Target> result = new ArrayList<>();
    List<String> supertypes = null;
    for (Target t : targets) {
      MethodSignature s = t.signature();
      if (s.classPattern().matcher(dotted).matches()) {
        result.add(t);
      } else if (s.includeSubtypes()) {
        if (supertypes == null) {
          supertypes = hierarchy.supertypes(loader, internalName);
        }
        for (String sup : supertypes) {
          if (s.classPattern().matcher(sup.replace('/', '.')).matches()) {
            result.add(t);
            break;
          }
        }
      }
    }
    return result;
  }

  /** Cheap pre-check used before parsing a class: could any target concern this name at all? */
  public boolean mayConcern(String internalName) {
    if (anySubtypePattern) {
      return true;
    }
    String dotted = internalName.replace('/', '.');
    for (Target t : targets) {
      if (t.signature().classPattern().matcher(dotted).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The target this method belongs to among a class's candidates, or null. Abstract, native, bridge
   * and synthetic methods never match: they are not where the work happens.
   */
  public Target match(List<Target> candidates, int access, String name, String descriptor) {
    if ((access
            & (Opcodes.ACC_ABSTRACT
                | Opcodes.ACC_NATIVE
                | Opcodes.ACC_BRIDGE
                | Opcodes.ACC_SYNTHETIC))
        != 0) {
      return null;
    }
    if (name.equals("<clinit>")) {
      return null;
    }
    for (Target t : candidates) {
      MethodSignature s = t.signature();
      boolean constructorAsked = s.methodText().equals("<init>");
      if (name.equals("<init>") != constructorAsked) {
        continue; // '*' means methods; constructors are matched only when <init> is written
      }
      if (s.methodPattern().matcher(name).matches() && parametersMatch(s, descriptor)) {
        matched.add(s);
        return t;
      }
    }
    return null;
  }

  /** Signatures that have matched no method so far. */
  public List<Target> unmatched() {
    return targets.stream().filter(t -> !matched.contains(t.signature())).toList();
  }

  private static boolean parametersMatch(MethodSignature s, String descriptor) {
    if (s.parameterDescriptors() == null) {
      return true;
    }
    Type[] args = Type.getArgumentTypes(descriptor);
    if (args.length != s.parameterDescriptors().size()) {
      return false;
    }
    for (int i = 0; i < args.length; i++) {
      if (!args[i].getDescriptor().equals(s.parameterDescriptors().get(i))) {
        return false;
      }
    }
    return true;
  }
}
