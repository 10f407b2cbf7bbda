package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.plugins.TestPluginJars;

class PluginConfigTest {
  @TempDir Path dir;

  private static final String COMPONENTS =
      "components:\n  - name: a\n    method: \"com.acme.A#run()\"\n";

  @Test
  void relativeJarsAreResolvedAgainstTheYamlsDirectory() throws Exception {
    Files.createDirectories(dir.resolve("conf/plugins"));
    Path jar = TestPluginJars.write(dir.resolve("conf/plugins/frames.jar"), "com.acme.FramePlugin");
    Path absolute = TestPluginJars.write(dir.resolve("other.jar"), "com.acme.OtherPlugin");
    Path yaml =
        Files.writeString(
            dir.resolve("conf/mltrace.yaml"),
            "plugins: [plugins/frames.jar, " + absolute + "]\n" + COMPONENTS);

    AgentConfig config = ConfigLoader.load(yaml);

    assertEquals(List.of(jar, absolute), config.plugins());
  }

  @Test
  void noPluginsByDefault() throws Exception {
    assertEquals(List.of(), ConfigLoader.parse("x.yaml", COMPONENTS).plugins());
  }

  @Test
  void aMissingJarIsAnErrorAtItsLine() throws Exception {
    Path yaml =
        Files.writeString(
            dir.resolve("mltrace.yaml"), "plugins:\n  - lib/absent.jar\n" + COMPONENTS);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml));
    ConfigProblem p = e.problems().get(0);
    assertEquals(yaml.toString(), p.file());
    assertEquals(2, p.line());
    assertTrue(
        p.message()
            .contains(
                "plugin jar 'lib/absent.jar' not found (looked for "
                    + dir.resolve("lib/absent.jar")),
        p.message());
  }

  @Test
  void aJarWithoutTheServiceFileIsAnErrorAtItsLine() throws Exception {
    Path jar = dir.resolve("plain.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("com/acme/Nothing.txt"));
      out.closeEntry();
    }
    Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a zip");
    Path yaml =
        Files.writeString(
            dir.resolve("mltrace.yaml"), "plugins: [plain.jar,\n  notes.jar]\n" + COMPONENTS);

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml));

    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(1, e.problems().get(0).line());
    assertTrue(
        e.problems()
            .get(0)
            .message()
            .contains("has no META-INF/services/org.mltrace.agent.spi.ValueEncoderPlugin"),
        e.getMessage());
    assertEquals(2, e.problems().get(1).line());
    assertTrue(e.problems().get(1).message().contains("cannot be read as a jar"), e.getMessage());
  }

  @Test
  void pluginsMustBeAList() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("x.yaml", "plugins: {a: b}\n" + COMPONENTS));
    assertEquals(1, e.problems().get(0).line());
    assertTrue(e.problems().get(0).message().contains("'plugins' must be a list"), e.getMessage());
  }
}
