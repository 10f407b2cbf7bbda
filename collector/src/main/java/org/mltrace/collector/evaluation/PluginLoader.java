package org.mltrace.collector.evaluation;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.mltrace.collector.trigger.Trigger;

/**
 * Loads users' triggers from the collector's {@code --plugins} path: a jar, or a directory whose
 * {@code *.jar} files are all loaded, in one class loader whose parent is the collector's (so
 * plugins see the trigger API and nothing has to be shaded). Each jar lists its classes in {@code
 * META-INF/services/org.mltrace.collector.trigger.Trigger}. The loader stays open for the life of
 * the process: triggers are called until the collector exits.
 */
final class PluginLoader {
  private PluginLoader() {}

  /**
   * @throws PluginException if the path does not exist, holds no jar, or a listed class cannot be
   *     loaded or instantiated (the message names the path and the class)
   */
  static List<Trigger> load(Path path) {
    List<Path> jars = jars(path);
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new PluginException(
            "--plugins: cannot use " + jars.get(i) + ": " + e.getMessage(), e);
      }
    }
    URLClassLoader loader = new URLClassLoader(urls, PluginLoader.class.getClassLoader());
    List<Trigger> triggers = new ArrayList<>();
    Iterator<Trigger> it = ServiceLoader.load(Trigger.class, loader).iterator();
    try {
      while (it.hasNext()) {
        Trigger t = it.next();
        // The parent's own providers (none today) would be listed too: keep the plugins' only.
        if (t.getClass().getClassLoader() == loader) {
          triggers.add(t);
        }
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new PluginException(
          "--plugins "
              + path
              + ": a trigger listed in META-INF/services does not load: "
              + e.getMessage(),
          e);
    }
    return triggers;
  }

  private static List<Path> jars(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new PluginException(
          "--plugins "
              + path
              + ": no such file or directory (expected a jar or a directory of jars)",
          null);
    }
    try (Stream<Path> files = Files.list(path)) {
      List<Path> jars =
          files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw new PluginException("--plugins " + path + ": the directory holds no .jar file", null);
      }
      return jars;
    } catch (IOException e) {
      throw new PluginException("--plugins " + path + ": cannot list it: " + e.getMessage(), e);
    }
  }
}
