package org.mltrace.agent.core.weaving;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.core.matching.TypeHierarchy;
import org.objectweb.asm.ClassWriter;

/**
 * A ClassWriter that computes stack map frames from class files read as resources.
 *
 * <p>ASM's default loads classes to find common supertypes, which inside a transformer can deadlock
 * or load a class in the wrong loader. A type it cannot read aborts the whole rewrite (the class is
 * then left unchanged) instead of guessing {@code Object}, because a wrong frame is a VerifyError
 * in the application.
 */
final class HierarchyClassWriter extends ClassWriter {
  private final TypeHierarchy hierarchy;
  private final ClassLoader loader;

  HierarchyClassWriter(TypeHierarchy hierarchy, ClassLoader loader) {
    super(COMPUTE_FRAMES);
    this.hierarchy = hierarchy;
    this.loader = loader;
  }

  /** A supertype needed for frames could not be read; the class must be left unchanged. */
  static final class UnknownTypeException extends RuntimeException {
    UnknownTypeException(String type) {
      super("cannot read class file of " + type.replace('/', '.') + " to compute frames");
    }
  }

  @Override
  protected String getCommonSuperClass(String type1, String type2) {
    if (type1.equals(type2)) {
      return type1;
    }
    TypeHierarchy.TypeInfo a = require(type1);
    TypeHierarchy.TypeInfo b = require(type2);
    if (a.isInterface() || b.isInterface()) {
      return "java/lang/Object";
    }
    List<String> chain = superclassChain(type1);
    for (String t = type2; t != null; t = require(t).superName()) {
      if (chain.contains(t)) {
        return t;
      }
    }
    return "java/lang/Object";
  }

  private List<String> superclassChain(String type) {
    List<String> chain = new ArrayList<>();
    for (String t = type; t != null; t = require(t).superName()) {
      chain.add(t);
    }
    return chain;
  }

  private TypeHierarchy.TypeInfo require(String type) {
    TypeHierarchy.TypeInfo info = hierarchy.info(loader, type);
    if (info == null) {
      throw new UnknownTypeException(type);
    }
    return info;
  }
}
