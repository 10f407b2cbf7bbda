package org.mltrace.agent.core.capture;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.AgentLog;
import org.mltrace.agent.core.spelling.Suggestions;

/**
 * The fields after the first segment of a YAML variable such as {@code result.metrics.accuracy}:
 * reads {@code metrics}, then {@code accuracy}, reflectively from the value the woven code passed
 * for {@code result}.
 *
 * <p>Never calls the application's code (no getters) and never throws: a field that does not exist
 * in the runtime class, a {@code null} part way along the path, or a field the agent may not read
 * (a module that does not open its package) gives an {@link Unreadable} whose reason is recorded in
 * the event and counted by kind in the agent's health. The {@link Field} found for a class and name
 * is cached (the miss too), so the reflective search happens once per class, not once per call.
 */
public final class FieldPath {
  /**
   * Per class: field name to its accessible {@link Field}, or to the {@link Unreadable} why not.
   */
  private static final ClassValue<ConcurrentHashMap<String, Object>> LOOKUPS =
      new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Object> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private final String text;
  private final String root;
  private final String[] fields;

  private FieldPath(String text, String root, String[] fields) {
    this.text = text;
    this.root = root;
    this.fields = fields;
  }

  /** The path of {@code name}, or null when the name has no dot (a plain variable). */
  public static FieldPath of(String name) {
    int dot = name.indexOf('.');
    if (dot < 0) {
      return null;
    }
    return new FieldPath(name, name.substring(0, dot), name.substring(dot + 1).split("\\."));
  }

  /** The first segment of a variable name: the argument, local, {@code this} or {@code return}. */
  public static String rootOf(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  public String root() {
    return root;
  }

  /** Why a path could not be followed; recorded as the absent value's text. */
  public record Unreadable(AgentHealth kind, String reason) {}

  /**
   * The value at the end of the path, {@link CaptureBridge#ABSENT} when the root was absent, or an
   * {@link Unreadable}.
   */
  public Object read(Object rootValue) {
    if (rootValue == CaptureBridge.ABSENT) {
      return rootValue;
    }
    Object current = rootValue;
    for (int i = 0; i < fields.length; i++) {
      if (current == null) {
        return unreadable(AgentHealth.FIELD_NULL_ON_PATH, prefix(i) + " is null");
      }
      Class<?> type = current.getClass();
      Object lookup = LOOKUPS.get(type).computeIfAbsent(fields[i], name -> find(type, name));
      if (lookup instanceof Unreadable u) {
        AgentHealth.count(u.kind());
        return u;
      }
      try {
        current = ((Field) lookup).get(current);
      } catch (Throwable t) {
        // trySetAccessible said yes, yet the read failed (e.g. a class redefined meanwhile).
        return unreadable(
            AgentHealth.FIELD_INACCESSIBLE, "cannot read " + prefix(i + 1) + ": " + t);
      }
    }
    return current;
  }

  private static Unreadable unreadable(AgentHealth kind, String reason) {
    AgentHealth.count(kind);
    return new Unreadable(kind, reason);
  }

  private String prefix(int fieldCount) {
    StringBuilder s = new StringBuilder(root);
    for (int i = 0; i < fieldCount; i++) {
      s.append('.').append(fields[i]);
    }
    return s.toString();
  }

  /** Searches the class and its superclasses; called once per class and field name. */
  private Object find(Class<?> type, String name) {
    try {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (f.getName().equals(name)) {
            return accessible(type, f);
          }
        }
      }
      List<String> near = Suggestions.nearest(name, fieldNames(type), 3);
      String reason =
          type.getName()
              + " has no field '"
              + name
              + "'"
              + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near));
      AgentLog.warnOnce(
          "field:" + text + ":" + type.getName(),
          "variable '" + text + "': " + reason + "; recorded as absent");
      return new Unreadable(AgentHealth.FIELD_MISSING, reason);
    } catch (Throwable t) {
      // getDeclaredFields resolves field types and can fail (a class missing from the class path).
      return new Unreadable(
          AgentHealth.FIELD_INACCESSIBLE, "cannot list the fields of " + type.getName() + ": " + t);
    }
  }

  private Object accessible(Class<?> type, Field f) {
    boolean readable;
    try {
      readable =
          f.trySetAccessible()
              || (Modifier.isPublic(f.getModifiers())
                  && Modifier.isPublic(f.getDeclaringClass().getModifiers())
                  && f.getDeclaringClass()
                      .getModule()
                      .isExported(f.getDeclaringClass().getPackageName()));
    } catch (Throwable t) {
      readable = false; // a SecurityException under a security manager, say
    }
    if (readable) {
      return f;
    }
    String reason =
        "field '"
            + f.getName()
            + "' of "
            + f.getDeclaringClass().getName()
            + " is not accessible (module "
            + f.getDeclaringClass().getModule().getName()
            + " does not open "
            + f.getDeclaringClass().getPackageName()
            + ")";
    AgentLog.warnOnce(
        "field:" + text + ":" + type.getName(),
        "variable '" + text + "': " + reason + "; recorded as absent");
    return new Unreadable(AgentHealth.FIELD_INACCESSIBLE, reason);
  }

  private static List<String> fieldNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        names.add(f.getName());
      }
    }
    return names;
  }

  /** What {@link #read} cached for a class and field name, or null; for tests. */
  static Object cachedLookup(Class<?> type, String field) {
    return LOOKUPS.get(type).get(field);
  }

  @Override
  public String toString() {
    return text;
  }
}
