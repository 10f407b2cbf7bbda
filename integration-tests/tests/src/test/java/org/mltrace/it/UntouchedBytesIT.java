package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classes that match nothing keep their original bytes, checked inside a real JVM: a second agent,
 * started after mltrace's and registered the same way (retransformation-capable, so it runs after
 * mltrace's transformer), compares the bytes each application class arrives with against its class
 * file on disk. A {@code Base+} pattern makes the agent parse every class, so the check covers
 * classes it read and decided against, not only those it never looked at.
 */
class UntouchedBytesIT {
  @TempDir Path dir;

  @Test
  void onlyTheClassesWithAMatchedMethodArriveChanged() throws Exception {
    Path classes =
        FixtureApp.compile(
            dir.resolve("app"),
            17,
            Map.of(
                "app/Main.java",
                    """
            package app;
            public class Main {
              public static void main(String[] args) {
                Base b = new Sub();
                System.out.println(Traced.step(3) + " " + Plain.work(4) + " " + b.run() + " " + new Other().name());
              }
            }
            """,
                "app/Traced.java",
                    "package app; public class Traced { static int step(int i) { return i * 2; } }",
                "app/Plain.java",
                    "package app; public class Plain { static int work(int i) { return i + 1; } }",
                "app/Base.java",
                    "package app; public abstract class Base { public abstract String run(); public int weight() { return 1; } }",
                "app/Sub.java",
                    "package app; public class Sub extends Base { public String run() { return \"sub\"; } }",
                "app/Other.java",
                    "package app; public class Other { String name() { return \"other\"; } }"));
    Path watcher = watcherAgent();
    Path config =
        Files.writeString(
            dir.resolve("untouched.yaml"),
            """
        components:
          - name: step
            method: "app.Traced#step(int)"
            inputs: [i]
            outputs: [return]
          - name: run
            method: "app.Base+#run()"
            outputs: [return]
        """);
    Path report = dir.resolve("bytes.txt");
    ProcessResult traced =
        JavaProcess.run(
            dir,
            List.of(
                "-javaagent:"
                    + Artifacts.agentJar()
                    + "=config="
                    + config
                    + ",queue="
                    + dir.resolve("queue"),
                "-javaagent:" + watcher + "=" + classes + "," + report,
                "-cp",
                classes.toString(),
                "app.Main"));
    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals("6 5 sub other", traced.stdout().trim());

    Map<String, String> seen = new TreeMap<>();
    for (String line : Files.readAllLines(report)) {
      String[] parts = line.split(" ");
      seen.put(parts[0], parts[1]);
    }
    assertEquals(
        Map.of(
            "app/Base", "original", // abstract run() is never woven, and weight() is not configured
            "app/Main", "original",
            "app/Other", "original",
            "app/Plain", "original",
            "app/Sub", "woven",
            "app/Traced", "woven"),
        seen,
        traced.stderr());
  }

  /**
   * A JAR whose premain records, for each class under app/, whether its bytes equal its class file.
   */
  private Path watcherAgent() throws Exception {
    Path classes =
        FixtureApp.compile(
            dir.resolve("watcher"),
            17,
            Map.of(
                "watch/Watcher.java",
                """
        package watch;
        import java.lang.instrument.*;
        import java.nio.file.*;
        import java.security.ProtectionDomain;
        import java.util.*;
        import java.util.concurrent.ConcurrentSkipListMap;
        public class Watcher {
          public static void premain(String args, Instrumentation inst) {
            Path classes = Path.of(args.split(",")[0]);
            Path report = Path.of(args.split(",")[1]);
            Map<String, String> seen = new ConcurrentSkipListMap<>();
            inst.addTransformer(new ClassFileTransformer() {
              public byte[] transform(ClassLoader l, String name, Class<?> c, ProtectionDomain d, byte[] bytes) {
                if (name != null && name.startsWith("app/")) {
                  try {
                    boolean same = Arrays.equals(bytes, Files.readAllBytes(classes.resolve(name + ".class")));
                    seen.put(name, same ? "original" : "woven");
                  } catch (Exception e) {
                    seen.put(name, "unreadable");
                  }
                }
                return null;
              }
            }, true);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
              StringBuilder out = new StringBuilder();
              seen.forEach((k, v) -> out.append(k).append(' ').append(v).append('\\n'));
              try { Files.writeString(report, out); } catch (Exception e) { throw new RuntimeException(e); }
            }));
          }
        }
        """));
    Path jar = dir.resolve("watcher.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), "watch.Watcher");
    manifest.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry("watch/Watcher.class"));
      out.write(Files.readAllBytes(classes.resolve("watch/Watcher.class")));
      out.closeEntry();
      for (Path inner : Files.newDirectoryStream(classes.resolve("watch"), "Watcher$*.class")) {
        out.putNextEntry(new JarEntry("watch/" + inner.getFileName()));
        out.write(Files.readAllBytes(inner));
        out.closeEntry();
      }
    }
    return jar;
  }
}
