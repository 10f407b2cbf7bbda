package org.mltrace.agent.core.plugins;

import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.AgentLog;
import org.mltrace.agent.spi.ValueEncoderPlugin;

/**
 * One jar of the YAML's {@code plugins:} and the plugin instances it has given each application
 * class loader so far.
 *
 * <p>Instances are created the first time a value of a class the agent does not know arrives from a
 * loader (see {@link PluginClassLoader}). The map holds loaders weakly and instances through weak
 * references: the strong references live in the agent's per-class cache of the classes a plugin
 * encodes, so an application loader that is discarded (a redeployed web application) takes its
 * plugin instances with it instead of being kept alive through their parent link.
 */
final class PluginJar {
  private final Path path;
  private final URL url;
  private final ClassLoader agentLoader;
  private final Map<ClassLoader, WeakReference<List<ValueEncoderPlugin>>> byLoader =
      new WeakHashMap<>();

  PluginJar(Path path, ClassLoader agentLoader) throws MalformedURLException {
    this.path = path;
    this.url = path.toUri().toURL();
    this.agentLoader = agentLoader;
  }

  Path path() {
    return path;
  }

  /** The plugins of this jar as seen from {@code application}; empty when none could load. */
  synchronized List<ValueEncoderPlugin> pluginsFor(ClassLoader application) {
    WeakReference<List<ValueEncoderPlugin>> ref = byLoader.get(application);
    List<ValueEncoderPlugin> plugins = ref == null ? null : ref.get();
    if (plugins == null) {
      plugins = load(application);
      byLoader.put(application, new WeakReference<>(plugins));
    }
    return plugins;
  }

  private List<ValueEncoderPlugin> load(ClassLoader application) {
    List<ValueEncoderPlugin> plugins = new ArrayList<>();
    PluginClassLoader loader =
        new PluginClassLoader(
            "mltrace-plugin:" + path.getFileName(), url, application, agentLoader);
    Iterator<ValueEncoderPlugin> it =
        ServiceLoader.load(ValueEncoderPlugin.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        plugins.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        // A provider that cannot be found, linked or constructed: skip it, keep the others.
        failed("load", "could not be loaded", e);
        if (e instanceof LinkageError) {
          break; // the iterator's state is unknown after an error below it
        }
      }
    }
    return List.copyOf(plugins);
  }

  /**
   * Counts a failure of this jar's plugins and reports the first one of each {@code stage} (load,
   * supports, encode): a plugin failing on every value prints one line, not one per call.
   */
  void failed(String stage, String what, Throwable t) {
    AgentCounters.internalError(AgentHealth.PLUGIN_FAILED);
    AgentLog.warnOnce(
        "plugin:" + path + ":" + stage,
        "plugin "
            + path
            + " "
            + what
            + " ("
            + t
            + "); values it would encode are recorded as plain objects");
  }
}
