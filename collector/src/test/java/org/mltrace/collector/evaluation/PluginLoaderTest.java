package org.mltrace.collector.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PluginJars;
import org.mltrace.collector.trigger.Trigger;

class PluginLoaderTest {
  @TempDir Path tmp;

  @Test
  void aJarsTriggersAreFoundByServiceLoaderInTheirOwnLoader() throws Exception {
    Path jar = PluginJars.build(tmp, "acme", "com.acme.TipRateCheck", PluginJars.TIP_RATE_CHECK);

    List<Trigger> triggers = PluginLoader.load(jar);

    assertEquals(List.of("tip_rate_check"), triggers.stream().map(Trigger::name).toList());
    assertEquals("com.acme.TipRateCheck", triggers.get(0).getClass().getName());
    assertNotSame(getClass().getClassLoader(), triggers.get(0).getClass().getClassLoader());
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.acme.TipRateCheck"));
  }

  @Test
  void aDirectoryLoadsEveryJarInIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plugins"));
    PluginJars.build(dir, "acme", "com.acme.TipRateCheck", PluginJars.TIP_RATE_CHECK);
    Files.writeString(dir.resolve("README.txt"), "not a jar");

    TriggerRegistry registry = TriggerRegistry.load(dir);

    assertEquals(List.of("tip_rate_check"), registry.userNames());
    assertTrue(
        registry.builtinNames().contains("metric_threshold"), registry.builtinNames().toString());
  }

  @Test
  void aMissingPathIsAUsageError() {
    Path missing = tmp.resolve("nope");
    PluginException e = assertThrows(PluginException.class, () -> PluginLoader.load(missing));
    assertEquals(
        "--plugins "
            + missing
            + ": no such file or directory (expected a jar or a directory of jars)",
        e.getMessage());
  }

  @Test
  void aListedClassThatIsNotThereNamesTheJar() throws Exception {
    Path classes = Files.createDirectories(tmp.resolve("empty-classes"));
    Path jar = PluginJars.jar(tmp.resolve("broken.jar"), classes, List.of("com.acme.Missing"));

    PluginException e = assertThrows(PluginException.class, () -> PluginLoader.load(jar));

    assertTrue(
        e.getMessage()
            .startsWith(
                "--plugins "
                    + jar
                    + ": a trigger listed in META-INF/services"
                    + " does not load: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("com.acme.Missing"), e.getMessage());
  }
}
