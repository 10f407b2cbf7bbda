package org.mltrace.agent.core.plugins;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.spi.EncodedValue;
import org.mltrace.agent.spi.ValueEncoderPlugin;

/**
 * The YAML's {@code plugins:}, in order: finds the plugin that encodes a class and calls it safely.
 *
 * <p>{@link #forClass} is slow (it may open a plugin jar) and is meant to be cached per class by
 * the caller ({@code ValueEncoder} keeps it in a {@code ClassValue}); {@link Bound#encode} is the
 * per-value call. Neither throws: failures are counted, reported once, and answered with null,
 * which means "encode the value as if there were no plugin".
 */
public final class PluginEncoders {
  public static final PluginEncoders NONE = new PluginEncoders(List.of());

  /**
   * Set while a plugin encodes on this thread: a plugin is never asked about a value inside its own
   * call.
   */
  private static final ThreadLocal<boolean[]> ENCODING =
      ThreadLocal.withInitial(() -> new boolean[1]);

  private final List<PluginJar> jars;

  private PluginEncoders(List<PluginJar> jars) {
    this.jars = jars;
  }

  /**
   * The jars (already checked by the config loader), with the SPI taken from the agent's loader.
   */
  public static PluginEncoders open(List<Path> jarPaths) throws MalformedURLException {
    if (jarPaths.isEmpty()) {
      return NONE;
    }
    List<PluginJar> jars = new ArrayList<>();
    for (Path p : jarPaths) {
      jars.add(new PluginJar(p, ValueEncoderPlugin.class.getClassLoader()));
    }
    return new PluginEncoders(List.copyOf(jars));
  }

  public boolean isEmpty() {
    return jars.isEmpty();
  }

  /**
   * The first plugin, in YAML order, that supports exactly this class, or null. Classes of the
   * bootstrap and platform loaders (the JDK's) and arrays are never offered to plugins.
   */
  public Bound forClass(Class<?> type) {
    if (jars.isEmpty() || type.isArray() || type.isPrimitive()) {
      return null;
    }
    ClassLoader loader = type.getClassLoader();
    if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
      return null;
    }
    for (PluginJar jar : jars) {
      for (ValueEncoderPlugin plugin : jar.pluginsFor(loader)) {
        try {
          if (plugin.supports(type)) {
            return new Bound(jar, plugin);
          }
        } catch (Throwable t) {
          // supports() is the plugin's code: it must not cost the value its default encoding.
          jar.failed("supports", "failed in supports(" + type.getName() + ")", t);
        }
      }
    }
    return null;
  }

  /** A plugin chosen for one class. */
  public static final class Bound {
    private final PluginJar jar;
    private final ValueEncoderPlugin plugin;

    Bound(PluginJar jar, ValueEncoderPlugin plugin) {
      this.jar = jar;
      this.plugin = plugin;
    }

    /** The plugin's description of {@code value}, or null to encode it by default. */
    public EncodedValue encode(Object value) {
      boolean[] busy = ENCODING.get();
      if (busy[0]) {
        return null; // the plugin's own code handed us a value: no recursion into it
      }
      busy[0] = true;
      try {
        return plugin.encode(value);
      } catch (Throwable t) {
        jar.failed("encode", "failed in encode(" + value.getClass().getName() + ")", t);
        return null;
      } finally {
        busy[0] = false;
      }
    }

    @Override
    public String toString() {
      return plugin.getClass().getName() + " from " + jar.path();
    }
  }
}
