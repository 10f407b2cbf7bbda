package org.mltrace.encoders.spark;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls Spark's (and Scala's) no-argument methods by name, with the lookups cached per class, so
 * that one jar works with every Spark and Scala version the application may have.
 */
final class Reflect {
  private static final ClassValue<Map<String, Optional<Method>>> METHODS =
      new ClassValue<>() {
        @Override
        protected Map<String, Optional<Method>> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private Reflect() {}

  /** Whether {@code target} has a public no-argument method {@code name}. */
  static boolean has(Class<?> type, String name) {
    return method(type, name).isPresent();
  }

  /** {@code target.name()}, or null when there is no such method. */
  static Object call(Object target, String name) throws ReflectiveOperationException {
    if (target == null) {
      return null;
    }
    Optional<Method> m = method(target.getClass(), name);
    return m.isPresent() ? m.get().invoke(target) : null;
  }

  /** The elements of a Scala collection ({@code Seq}, {@code Set}) or Java iterable, in order. */
  static List<Object> elements(Object collection) throws ReflectiveOperationException {
    List<Object> out = new ArrayList<>();
    if (collection instanceof Iterable<?> it) {
      it.forEach(out::add);
      return out;
    }
    Object iterator = call(collection, "iterator");
    if (iterator == null) {
      return out;
    }
    while (Boolean.TRUE.equals(call(iterator, "hasNext"))) {
      out.add(call(iterator, "next"));
    }
    return out;
  }

  private static Optional<Method> method(Class<?> type, String name) {
    return METHODS.get(type).computeIfAbsent(name, n -> Optional.ofNullable(find(type, n)));
  }

  /**
   * The public method, looked up where it can be invoked: a public method declared in a non-public
   * class (a Scala anonymous class, say) is called through the public type it overrides.
   */
  private static Method find(Class<?> type, String name) {
    Method m;
    try {
      m = type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
    if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
      return m;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Method inPublic = inPublicType(c, name);
      if (inPublic != null) {
        return inPublic;
      }
    }
    return null;
  }

  private static Method inPublicType(Class<?> c, String name) {
    if (Modifier.isPublic(c.getModifiers())) {
      try {
        return c.getMethod(name);
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
    for (Class<?> i : c.getInterfaces()) {
      Method m = inPublicType(i, name);
      if (m != null) {
        return m;
      }
    }
    return null;
  }
}
