package org.mltrace.agent.core;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mltrace.agent.core.matching.MethodMatcher;
import org.mltrace.agent.core.matching.NearestSignatures;

/**
 * At JVM exit, names each configured signature that matched no method, with the closest existing
 * signatures among the classes that were loaded, so a typo is found in one run.
 */
final class UnmatchedReport {
  private UnmatchedReport() {}

  /** One line per unmatched signature; empty when all matched. */
  static List<String> lines(MethodMatcher matcher, Instrumentation inst) {
    List<MethodMatcher.Target> unmatched = matcher.unmatched();
    if (unmatched.isEmpty()) {
      return List.of();
    }
    Class<?>[] loaded = inst.getAllLoadedClasses();
    List<String> lines = new ArrayList<>();
    for (MethodMatcher.Target t : unmatched) {
      String prefix = "component '" + t.component().name() + "': '" + t.signature().text() + "' ";
      if (!t.signature().hasWildcardClass()
          && !isLoaded(t.signature().classText(), loaded)
          && existsOnClassPath(t.signature().classText(), loaded)) {
        // The class exists but this run never used it (e.g. an earlier stage failed): no typo.
        lines.add(prefix + "was not called: its class was never loaded in this run");
        continue;
      }
      List<String> closest = closest(t, loaded);
      lines.add(
          prefix
              + "matched no method"
              + (closest.isEmpty()
                  ? " (no similar class was loaded)"
                  : "; closest: " + String.join(" | ", closest)));
    }
    return lines;
  }

  private static boolean isLoaded(String className, Class<?>[] loaded) {
    for (Class<?> c : loaded) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  /** Looks for the class file through the loaders that loaded the application's classes. */
  private static boolean existsOnClassPath(String className, Class<?>[] loaded) {
    String resource = className.replace('.', '/') + ".class";
    java.util.Set<ClassLoader> loaders = new java.util.HashSet<>();
    loaders.add(ClassLoader.getSystemClassLoader());
    for (Class<?> c : loaded) {
      ClassLoader l = c.getClassLoader();
      if (l != null && loaders.add(l) && loaders.size() > 64) {
        break;
      }
    }
    for (ClassLoader l : loaders) {
      try {
        if (l.getResource(resource) != null) {
          return true;
        }
      } catch (Throwable ignored) {
        // an application loader that fails to answer is no evidence either way
      }
    }
    return false;
  }

  private static List<String> closest(MethodMatcher.Target t, Class<?>[] loaded) {
    List<String> classNames = new ArrayList<>();
    for (Class<?> c : loaded) {
      String name = c.getName();
      if (!name.startsWith("java.")
          && !name.startsWith("jdk.")
          && !name.startsWith("sun.")
          && !name.startsWith("org.mltrace.")
          && !c.isArray()
          && !c.isSynthetic()
          && !name.contains("$$Lambda")) {
        classNames.add(name);
      }
    }
    return NearestSignatures.of(t.signature(), classNames, wanted -> methodsOf(wanted, loaded));
  }

  /** The described methods and constructors of a loaded class, or null when it was not loaded. */
  private static List<String> methodsOf(String className, Class<?>[] loaded) {
    Class<?> exact = null;
    for (Class<?> c : loaded) {
      if (c.getName().equals(className)) {
        exact = c;
      }
    }
    if (exact == null) {
      return null;
    }
    List<String> signatures = new ArrayList<>();
    try {
      for (Executable e : exact.getDeclaredMethods()) {
        signatures.add(describe(exact, e));
      }
      for (Constructor<?> c : exact.getDeclaredConstructors()) {
        signatures.add(describe(exact, c));
      }
    } catch (Throwable e) {
      return List.of(className + "#? (its methods could not be listed: " + e + ")");
    }
    return signatures;
  }

  private static String describe(Class<?> owner, Executable e) {
    String name = e instanceof Constructor<?> ? "<init>" : e.getName();
    return NearestSignatures.describe(
        owner.getName(),
        name,
        Arrays.stream(e.getParameterTypes()).map(Class::getTypeName).toList());
  }
}
