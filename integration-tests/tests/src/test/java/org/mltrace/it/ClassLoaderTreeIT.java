package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app.Stage+} matched in classes that the application loads later through loaders of its
 * own, none of them the application loader: a child-first {@code URLClassLoader}, a loader that
 * defines classes from bytes and offers no resources (as generated or downloaded code does), and
 * {@code ServiceLoader} through a thread's context loader. The stages implement a generic
 * interface, so each call goes through a bridge method, and one overrides a method and calls {@code
 * super}: each call must be exactly one run, recorded under the outermost method.
 */
class ClassLoaderTreeIT {
  @TempDir static Path dir;
  static Path appClasses;
  static Path pluginClasses;
  static Path config;

  @BeforeAll
  static void compile() throws Exception {
    appClasses =
        FixtureApp.compile(
            dir.resolve("app"),
            17,
            Map.of(
                "app/Stage.java",
                    """
            package app;
            public interface Stage<T> { T apply(T in); }
            """,
                "app/Main.java",
                    """
            package app;
            import java.net.*;
            import java.nio.file.*;
            import java.util.*;
            public class Main {
              /** Looks in its own URLs first and asks the parent only for what it lacks. */
              static final class ChildFirst extends URLClassLoader {
                ChildFirst(URL[] urls, ClassLoader parent) { super("child-first", urls, parent); }
                @Override protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                  synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                      try { c = findClass(name); } catch (ClassNotFoundException e) { return super.loadClass(name, resolve); }
                    }
                    return c;
                  }
                }
              }
              /** Defines classes from bytes it holds; getResource finds none of them. */
              static final class InMemory extends ClassLoader {
                final Path root;
                InMemory(Path root, ClassLoader parent) { super("in-memory", parent); this.root = root; }
                @Override protected Class<?> findClass(String name) throws ClassNotFoundException {
                  try {
                    byte[] b = Files.readAllBytes(root.resolve(name.replace('.', '/') + ".class"));
                    return defineClass(name, b, 0, b.length);
                  } catch (java.io.IOException e) { throw new ClassNotFoundException(name); }
                }
              }
              @SuppressWarnings("unchecked")
              static String run(Stage<?> stage, double[] in) {
                double[] out = ((Stage<double[]>) stage).apply(in);
                return stage.getClass().getName() + " from " + stage.getClass().getClassLoader().getName() + " " + Arrays.toString(out);
              }
              public static void main(String[] args) throws Exception {
                Path plugins = Path.of(args[0]);
                URL[] urls = {plugins.toUri().toURL()};
                ClassLoader app = Main.class.getClassLoader();
                Stage<?> doubler = (Stage<?>) new ChildFirst(urls, app).loadClass("plug.Doubler").getConstructor().newInstance();
                System.out.println(run(doubler, new double[] {1, 2}));
                Stage<?> tripler = (Stage<?>) new InMemory(plugins, app).loadClass("plug.Tripler").getConstructor().newInstance();
                System.out.println(run(tripler, new double[] {1, 2}));
                List<String> viaContext = new ArrayList<>();
                Thread t = new Thread(() -> {
                  for (Stage<?> s : ServiceLoader.load(Stage.class)) viaContext.add(run(s, new double[] {5}));
                }, "services");
                t.setContextClassLoader(new URLClassLoader("context", urls, app));
                t.start();
                t.join();
                viaContext.forEach(System.out::println);
              }
            }
            """));
    pluginClasses =
        FixtureApp.compile(
            dir.resolve("plugins"),
            17,
            List.of(appClasses),
            Map.of(
                "plug/Doubler.java",
                    """
            package plug;
            public class Doubler implements app.Stage<double[]> {
              public double[] apply(double[] in) {
                double[] doubled = new double[in.length];
                for (int i = 0; i < in.length; i++) doubled[i] = 2 * in[i];
                return doubled;
              }
            }
            """,
                "plug/Scaler.java",
                    """
            package plug;
            public abstract class Scaler implements app.Stage<double[]> {
              protected abstract double factor();
              public double[] apply(double[] in) {
                double[] scaled = new double[in.length];
                for (int i = 0; i < in.length; i++) scaled[i] = factor() * in[i];
                return scaled;
              }
            }
            """,
                "plug/Tripler.java",
                    """
            package plug;
            public class Tripler extends Scaler {
              protected double factor() { return 3; }
              @Override public double[] apply(double[] in) { return super.apply(in); }
            }
            """));
    Path services = Files.createDirectories(pluginClasses.resolve("META-INF/services"));
    Files.writeString(services.resolve("app.Stage"), "plug.Doubler\n");
    config =
        Files.writeString(
            dir.resolve("stages.yaml"),
            """
        components:
          - name: stage
            method: "app.Stage+#apply(..)"
            inputs: [in]
            outputs: [return]
        """);
  }

  @Test
  void subtypesLoadedByChildFirstInMemoryAndContextLoadersAreEachOneRunPerCall() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    List<String> app = List.of("-cp", appClasses.toString(), "app.Main", pluginClasses.toString());
    ProcessResult plain = TracedApp.withoutAgent(run, app);
    ProcessResult traced = TracedApp.withAgent(run, config, run.resolve("queue"), app);
    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals(
        List.of(
            "plug.Doubler from child-first [2.0, 4.0]",
            "plug.Tripler from in-memory [3.0, 6.0]",
            "plug.Doubler from context [10.0]"),
        plain.stdout().lines().toList(),
        "the loaders are the ones meant");
    assertEquals(plain.stdout(), traced.stdout());

    CollectorCli mltrace = CollectorCli.h2(run);
    mltrace.collectOnce(run.resolve("queue"));
    JsonNode rows =
        mltrace.rows(
            "SELECT method, thread FROM component_runs WHERE component = 'stage' ORDER BY start_time");
    List<String> methods = new ArrayList<>();
    for (JsonNode row : rows) {
      var columns = row.elements();
      methods.add(columns.next().asText() + " on " + columns.next().asText());
    }
    assertEquals(
        List.of(
            "plug.Doubler#apply([D)[D on main",
            "plug.Tripler#apply([D)[D on main",
            "plug.Doubler#apply([D)[D on services"),
        methods,
        "one run per call: the bridge apply(Object) and Scaler.apply under super are not runs of their own");
  }
}
