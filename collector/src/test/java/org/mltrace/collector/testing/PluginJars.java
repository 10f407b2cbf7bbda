package org.mltrace.collector.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.mltrace.collector.trigger.Trigger;

/**
 * Builds a user's trigger plugin the way a user would: compiles Java source against the trigger API
 * with the JDK's compiler and jars the classes with a {@code META-INF/services} file. The classes
 * are not on the test's class path, so only the plugin loader can find them.
 */
public final class PluginJars {
  private PluginJars() {}

  /**
   * A {@code com.acme.TipRateCheck} trigger named {@code tip_rate_check}: passes when the run's
   * {@code tipRate} output is at least the {@code min} argument; value = the rate, threshold = min.
   */
  public static final String TIP_RATE_CHECK =
      """
      package com.acme;

      import org.mltrace.collector.trigger.CapturedData;
      import org.mltrace.collector.trigger.Trigger;
      import org.mltrace.collector.trigger.TriggerArgs;
      import org.mltrace.collector.trigger.TriggerContext;
      import org.mltrace.collector.trigger.TriggerResult;
      import java.util.List;

      public final class TipRateCheck implements Trigger {
        @Override public String name() { return "tip_rate_check"; }

        @Override public List<String> validate(TriggerArgs args) {
          return args.has("min") ? List.of() : List.of("missing argument 'min'");
        }

        @Override public TriggerResult evaluate(TriggerContext c) {
          double rate = c.run().output("tipRate").flatMap(CapturedData::number).orElseThrow();
          double min = c.args().number("min");
          return TriggerResult.of(rate >= min, rate, min, "tip rate " + rate + " vs at least " + min);
        }
      }
      """;

  /** Compiles {@code source} (class {@code className}) into {@code dir/NAME.jar} listing it. */
  public static Path build(Path dir, String name, String className, String source)
      throws IOException {
    Path src = dir.resolve(name + "-src");
    Path classes = dir.resolve(name + "-classes");
    Path file = src.resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.createDirectories(classes);
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String api = Path.of(codeSource(Trigger.class)).toString();
    int rc =
        javac.run(null, null, null, "-classpath", api, "-d", classes.toString(), file.toString());
    if (rc != 0) {
      throw new IllegalStateException("the plugin source did not compile");
    }
    return jar(dir.resolve(name + ".jar"), classes, List.of(className));
  }

  /** Jars the classes under {@code classes}, listing {@code services} as triggers. */
  public static Path jar(Path jar, Path classes, List<String> services) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + Trigger.class.getName()));
      OutputStream o = out;
      o.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static java.net.URI codeSource(Class<?> c) {
    try {
      return c.getProtectionDomain().getCodeSource().getLocation().toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
