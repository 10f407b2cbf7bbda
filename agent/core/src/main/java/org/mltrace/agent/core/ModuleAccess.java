package org.mltrace.agent.core;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grants Chronicle Queue the JDK internals it needs, to the agent's own module only.
 *
 * <p>{@code Add-Opens} in an agent jar's manifest is ignored, and asking users for JVM flags is not
 * acceptable, so the agent opens these packages itself with {@link Instrumentation#redefineModule},
 * targeted at the unnamed module of its isolated loader: the application's own code gets no extra
 * access.
 */
final class ModuleAccess {
  private static final List<String> OPENS =
      List.of(
          "java.lang",
          "java.lang.reflect",
          "java.io",
          "java.util",
          "java.nio",
          "sun.nio.ch",
          "jdk.internal.misc");
  private static final List<String> EXPORTS =
      List.of("sun.nio.ch", "jdk.internal.ref", "jdk.internal.misc", "jdk.internal.util");

  private ModuleAccess() {}

  static void openJdkInternalsTo(Instrumentation inst, Module target) {
    Module base = Object.class.getModule();
    Set<String> present = base.getPackages();
    Map<String, Set<Module>> opens = new HashMap<>();
    Map<String, Set<Module>> exports = new HashMap<>();
    for (String p : OPENS) {
      if (present.contains(p)) {
        opens.put(p, Set.of(target));
      }
    }
    for (String p : EXPORTS) {
      if (present.contains(p)) {
        exports.put(p, Set.of(target));
      }
    }
    inst.redefineModule(base, Set.of(), exports, opens, Set.of(), Map.of());
  }
}
