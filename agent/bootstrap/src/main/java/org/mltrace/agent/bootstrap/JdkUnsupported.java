package org.mltrace.agent.bootstrap;

/**
 * Checks that {@code jdk.unsupported} ({@code sun.misc.Unsafe}, which the agent's queue library
 * needs) is in the boot layer.
 *
 * <p>It is whenever the application starts from the class path. An application launched with {@code
 * -m} gets only the modules its graph requires, and the JDK refuses to add a system module later (a
 * new layer may not define it). Then the agent stays off and says how to fix it.
 */
final class JdkUnsupported {
  static final String MODULE = "jdk.unsupported";

  private JdkUnsupported() {}

  /** Null when the module is there, else the one-line explanation for the user. */
  static String missingReason() {
    if (ModuleLayer.boot().findModule(MODULE).isPresent()) {
      return null;
    }
    return "the application was started as a module (-m) and its module graph lacks "
        + MODULE
        + ", which the agent's queue needs; add --add-modules "
        + MODULE
        + " to the java command to trace it";
  }
}
