package org.mltrace.agent.core;

import java.io.File;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the bridge classes in the bootstrap class loader, so woven code in classes of any loader
 * (including isolated or child-first ones) links to the same bridge.
 *
 * <p>The usual {@code appendToBootstrapClassLoaderSearch} makes the JVM print a CDS warning on the
 * application's console and switch off class-data sharing for application classes; defining the two
 * classes directly avoids both. The JDK-internal {@code Unsafe.defineClass} is exported to the
 * agent's own module only.
 */
final class BridgeInjector {
  private static final List<String> CLASSES =
      List.of(
          "org.mltrace.agent.bootstrap.CaptureHooks", "org.mltrace.agent.bootstrap.CaptureBridge");

  private BridgeInjector() {}

  static void inject(Instrumentation inst, File agentJar) throws Exception {
    if (definedInBootLoader(CLASSES.get(CLASSES.size() - 1))) {
      return; // attached before in this JVM
    }
    Module base = Object.class.getModule();
    inst.redefineModule(
        base,
        Set.of(),
        Map.of("jdk.internal.misc", Set.of(BridgeInjector.class.getModule())),
        Map.of(),
        Set.of(),
        Map.of());
    Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeClass.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    try (JarFile jar = new JarFile(agentJar)) {
      for (String name : CLASSES) {
        JarEntry entry = jar.getJarEntry(name.replace('.', '/') + ".class");
        if (entry == null) {
          throw new IllegalStateException(agentJar + " lacks " + name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
      }
    }
  }

  private static boolean definedInBootLoader(String name) {
    try {
      Class.forName(name, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
