package org.mltrace.agent.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.spi.ValueEncoderPlugin;

/**
 * The loader a plugin runs in: the application's classes through its parent, the SPI from the
 * agent, the service file from the plugin jar only.
 */
class PluginClassLoaderTest {
  @TempDir Path dir;

  @Test
  void theSpiComesFromTheAgentAndEverythingElseFromTheApplication() throws Exception {
    URL spi = ValueEncoderPlugin.class.getProtectionDomain().getCodeSource().getLocation();
    URL testClasses = TestFrame.class.getProtectionDomain().getCodeSource().getLocation();
    URL appServices =
        TestPluginJars.write(dir.resolve("app.jar"), "com.example.AppPlugin").toUri().toURL();
    // An application that carries its own copy of the SPI, its own classes and its own service
    // file.
    try (URLClassLoader app =
            new URLClassLoader(
                "app",
                new URL[] {spi, testClasses, appServices},
                ClassLoader.getPlatformClassLoader());
        PluginClassLoader plugin =
            new PluginClassLoader(
                "mltrace-plugin:p.jar",
                TestPluginJars.write(dir.resolve("p.jar"), "com.example.OwnPlugin").toUri().toURL(),
                app,
                ValueEncoderPlugin.class.getClassLoader())) {
      assertNotSame(
          ValueEncoderPlugin.class,
          app.loadClass(ValueEncoderPlugin.class.getName()),
          "the app's copy");
      assertSame(
          ValueEncoderPlugin.class,
          plugin.loadClass(ValueEncoderPlugin.class.getName()),
          "the agent's, so casts work");
      assertSame(
          app,
          plugin.loadClass(TestFrame.class.getName()).getClassLoader(),
          "the application's frame class");

      List<URL> services = Collections.list(plugin.getResources(PluginClassLoader.SERVICE_FILE));
      assertEquals(1, services.size(), services.toString());
      assertEquals(true, services.get(0).toString().contains("p.jar!"), services.toString());
    }
  }
}
