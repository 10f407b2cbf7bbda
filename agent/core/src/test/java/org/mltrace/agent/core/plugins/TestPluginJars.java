package org.mltrace.agent.core.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes plugin jars for tests: a service file naming the given classes, and nothing else. */
public final class TestPluginJars {
  private TestPluginJars() {}

  /**
   * The classes themselves stay on the test class path: the plugin loader's parent (the test's
   * loader) supplies them, as an application loader would supply a library.
   */
  public static Path write(Path jar, String... providers) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("META-INF/services/org.mltrace.agent.spi.ValueEncoderPlugin"));
      j.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }
}
