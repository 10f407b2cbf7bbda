package org.mltrace.agent.spi;

/** Type checks by name, which load and link nothing: safe in any class loader. */
public final class ValueTypes {
  private ValueTypes() {}

  /**
   * Whether {@code type} is the class or interface named {@code className} (binary name, e.g.
   * {@code org.apache.spark.sql.Dataset}) or extends or implements it, at any depth.
   */
  public static boolean isSubtypeOf(Class<?> type, String className) {
    if (type == null) {
      return false;
    }
    if (type.getName().equals(className)) {
      return true;
    }
    if (isSubtypeOf(type.getSuperclass(), className)) {
      return true;
    }
    for (Class<?> i : type.getInterfaces()) {
      if (isSubtypeOf(i, className)) {
        return true;
      }
    }
    return false;
  }
}
