package org.mltrace.agent.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Opens the agent's internals (the jars stored under {@value #PREFIX} inside the agent jar) in a
 * class loader of their own.
 *
 * <p>The nested jars are copied once to a cache directory named by the CRCs of their entries, so a
 * rebuilt agent never runs stale internals and concurrent JVMs share one copy. Copies are written
 * to a temporary name and moved atomically, so a JVM never opens a half-written jar. The loader's
 * parent is the platform loader: JDK classes and the bootstrap bridge are visible, the
 * application's class path is not.
 */
final class InternalJars {
  static final String PREFIX = "mltrace-inst/";

  private InternalJars() {}

  static ClassLoader openLoader(File agentJar) throws IOException {
    List<URL> urls = new ArrayList<>();
    try (JarFile jar = new JarFile(agentJar)) {
      List<JarEntry> nested = nestedJars(jar);
      if (nested.isEmpty()) {
        throw new IOException(
            agentJar + " has no " + PREFIX + " jars; was it built by agent/dist?");
      }
      Path dir = cacheDir(nested);
      Files.createDirectories(dir);
      for (JarEntry entry : nested) {
        Path target = dir.resolve(entry.getName().substring(PREFIX.length()));
        if (!Files.isRegularFile(target) || Files.size(target) != entry.getSize()) {
          copy(jar, entry, target);
        }
        urls.add(target.toUri().toURL());
      }
    }
    return new URLClassLoader(
        "mltrace-agent", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  private static List<JarEntry> nestedJars(JarFile jar) {
    List<JarEntry> nested = new ArrayList<>();
    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
      JarEntry entry = e.nextElement();
      String name = entry.getName();
      if (name.startsWith(PREFIX)
          && name.endsWith(".jar")
          && name.indexOf('/', PREFIX.length()) < 0) {
        nested.add(entry);
      }
    }
    return nested;
  }

  private static Path cacheDir(List<JarEntry> nested) {
    long key = 17;
    for (JarEntry entry : nested) {
      key = key * 31 + entry.getName().hashCode();
      key = key * 31 + entry.getCrc();
    }
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    return Path.of(
        System.getProperty("java.io.tmpdir"), "mltrace-agent-" + user, Long.toHexString(key));
  }

  private static void copy(JarFile jar, JarEntry entry, Path target) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "part-", ".tmp");
    try (InputStream in = jar.getInputStream(entry)) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
