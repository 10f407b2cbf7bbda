package org.mltrace.agent.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Checks one entry of the YAML's {@code plugins:} when the YAML is read, so that a missing jar or a
 * jar that is not a plugin is a config error with its line, not a silent no-op later.
 */
final class PluginJarCheck {
  static final String SERVICE_FILE = "META-INF/services/org.mltrace.agent.spi.ValueEncoderPlugin";

  private PluginJarCheck() {}

  /** The jar's absolute path: a relative entry is relative to the directory of the YAML file. */
  static Path resolve(String yamlFile, String entry) {
    Path jar = Path.of(entry);
    if (!jar.isAbsolute()) {
      Path dir = Path.of(yamlFile).toAbsolutePath().getParent();
      jar = dir == null ? jar : dir.resolve(jar);
    }
    return jar.toAbsolutePath().normalize();
  }

  /** What is wrong with the entry, or null when it is a readable jar that names a plugin. */
  static String problemWith(String yamlFile, String entry) {
    Path jar;
    try {
      jar = resolve(yamlFile, entry);
    } catch (InvalidPathException e) {
      return "plugin '" + entry + "' is not a valid path: " + e.getMessage();
    }
    if (!Files.isRegularFile(jar)) {
      return "plugin jar '"
          + entry
          + "' not found (looked for "
          + jar
          + "; relative paths are relative to the YAML file)";
    }
    try (JarFile j = new JarFile(jar.toFile())) {
      if (j.getEntry(SERVICE_FILE) == null) {
        return "plugin jar '"
            + entry
            + "' ("
            + jar
            + ") has no "
            + SERVICE_FILE
            + "; expected a jar that names its org.mltrace.agent.spi.ValueEncoderPlugin implementation there";
      }
    } catch (IOException e) {
      return "plugin jar '" + entry + "' (" + jar + ") cannot be read as a jar: " + e.getMessage();
    }
    return null;
  }
}
