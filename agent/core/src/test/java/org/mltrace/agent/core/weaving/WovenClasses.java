package org.mltrace.agent.core.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mltrace.agent.core.capture.MethodPlan;
import org.mltrace.agent.core.capture.MethodRegistry;
import org.mltrace.agent.core.capture.PlannedVariable;
import org.mltrace.agent.core.config.ConfigLoader;
import org.mltrace.agent.core.matching.MethodMatcher;
import org.mltrace.agent.core.matching.TypeHierarchy;

/**
 * Test support: weaves fixture classes with the real {@link CaptureTransformer} for a YAML config,
 * and loads the woven copies in a child-first loader so that calls run the woven code, not the
 * copies the test's own loader already holds.
 */
final class WovenClasses {
  static final String FIXTURES = "org.mltrace.fixtures.weaving.";
  private static final ClassLoader TEST_LOADER = WovenClasses.class.getClassLoader();

  final MethodRegistry registry = new MethodRegistry();
  final MethodMatcher matcher;
  final CaptureTransformer transformer;
  private final Map<String, byte[]> originals = new HashMap<>();
  private final Map<String, byte[]> woven = new HashMap<>();
  private final ChildFirstLoader loader;

  private WovenClasses(String yaml, Map<Class<?>, byte[]> fixtures) throws Exception {
    TypeHierarchy hierarchy = new TypeHierarchy();
    matcher = new MethodMatcher(ConfigLoader.parse("test.yaml", yaml), hierarchy);
    transformer = new CaptureTransformer(matcher, hierarchy, registry, module -> {});
    for (Map.Entry<Class<?>, byte[]> e : fixtures.entrySet()) {
      Class<?> fixture = e.getKey();
      byte[] bytes = e.getValue();
      originals.put(fixture.getName(), bytes);
      byte[] result = transformer.weave(TEST_LOADER, internalName(fixture), bytes);
      if (result != null) {
        woven.put(fixture.getName(), result);
      }
    }
    loader = new ChildFirstLoader(TEST_LOADER, woven);
  }

  /** Weaves each fixture; those with no configured method stay unwoven (and unloaded here). */
  static WovenClasses weave(String yaml, Class<?>... fixtures) throws Exception {
    Map<Class<?>, byte[]> classes = new LinkedHashMap<>();
    for (Class<?> fixture : fixtures) {
      classes.put(fixture, classBytes(fixture));
    }
    return new WovenClasses(yaml, classes);
  }

  /** Weaves the given class file in place of the fixture's own, e.g. one altered by the test. */
  static WovenClasses weave(String yaml, Class<?> fixture, byte[] classFile) throws Exception {
    return new WovenClasses(yaml, Map.of(fixture, classFile));
  }

  /** A YAML file with the given components. */
  static String yaml(String... components) {
    return "components:\n" + String.join("", components);
  }

  /** One component; {@code method} may start with '#' to mean a method of the Pipeline fixture. */
  static String component(String name, String method, String inputs, String outputs) {
    String signature = method.startsWith("#") ? FIXTURES + "Pipeline" + method : method;
    return "  - name: "
        + name
        + "\n"
        + "    method: \""
        + signature
        + "\"\n"
        + "    inputs: ["
        + inputs
        + "]\n"
        + "    outputs: ["
        + outputs
        + "]\n";
  }

  byte[] original(Class<?> fixture) {
    return originals.get(fixture.getName());
  }

  byte[] woven(Class<?> fixture) {
    return woven.get(fixture.getName());
  }

  /** The woven copy of the fixture; fails when it was not woven. */
  Class<?> load(Class<?> fixture) throws ClassNotFoundException {
    assertNotNull(woven.get(fixture.getName()), fixture.getName() + " was not woven");
    Class<?> c = loader.loadClass(fixture.getName());
    assertSame(loader, c.getClassLoader(), "the woven copy must be the one called");
    return c;
  }

  /**
   * The value a variable arrived with in {@code c}, found through the plan the transformer
   * registered.
   */
  Object value(CaptureTransformerTest.Call c, String name, boolean input) {
    MethodPlan plan = registry.get(c.methodId);
    PlannedVariable v =
        plan.variables().stream()
            .filter(p -> p.name().equals(name) && p.input() == input)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no " + (input ? "input " : "output ") + name + " in " + plan));
    if (v.atEntry()) {
      return c.entry[v.index()];
    }
    assertEquals(1, c.exits.size(), "exits of " + plan.method());
    return c.exits.get(0)[v.index()];
  }

  /** Calls a static method of the woven fixture by name; rethrows what the method threw. */
  Object call(Class<?> fixture, String method, Object... args) throws Throwable {
    for (Method m : load(fixture).getMethods()) {
      if (m.getName().equals(method)) {
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + method + " in " + fixture);
  }

  /** Runs a constructor of the woven fixture; rethrows what it threw. */
  Object construct(Class<?> fixture, Class<?>[] types, Object... args) throws Throwable {
    Constructor<?> c = load(fixture).getConstructor(types);
    try {
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A public static field of the woven copy. */
  Object staticField(Class<?> fixture, String field) throws Exception {
    return load(fixture).getField(field).get(null);
  }

  static byte[] classBytes(Class<?> c) throws IOException {
    try (InputStream in = TEST_LOADER.getResourceAsStream(internalName(c) + ".class")) {
      assertNotNull(in, "class file of " + c.getName());
      return in.readAllBytes();
    }
  }

  static String internalName(Class<?> c) {
    return c.getName().replace('.', '/');
  }

  /** Defines the woven classes itself; everything else comes from the parent. */
  private static final class ChildFirstLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    ChildFirstLoader(ClassLoader parent, Map<String, byte[]> classes) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          return super.loadClass(name, resolve);
        }
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = defineClass(name, bytes, 0, bytes.length);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
