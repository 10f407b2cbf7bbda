package org.mltrace.agent.core.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * Loads one plugin jar on behalf of one application class loader.
 *
 * <p>The parent is the application's loader, so a plugin compiled against a library links against
 * the copy of that library the application's values come from. The plugin interface ({@code
 * org.mltrace.agent.spi}) alone is taken from the agent's isolated loader, so the agent and the
 * plugin agree on {@code ValueEncoderPlugin} even if the application carries its own copy. Service
 * files are read from the plugin jar only: an application jar that also names a plugin would
 * otherwise be loaded too.
 */
final class PluginClassLoader extends URLClassLoader {
  static final String SPI_PACKAGE = "org.mltrace.agent.spi.";
  static final String SERVICE_FILE = "META-INF/services/org.mltrace.agent.spi.ValueEncoderPlugin";

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final ClassLoader agentLoader;

  PluginClassLoader(String name, URL jar, ClassLoader application, ClassLoader agentLoader) {
    super(name, new URL[] {jar}, application);
    this.agentLoader = agentLoader;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(SPI_PACKAGE)) {
      return agentLoader.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.equals(SERVICE_FILE) ? findResources(name) : super.getResources(name);
  }
}
