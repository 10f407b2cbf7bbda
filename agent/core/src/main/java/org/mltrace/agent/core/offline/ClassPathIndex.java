package org.mltrace.agent.core.offline;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * The class files on a class path ({@code a.jar:classes/:lib/*}), read with ASM on demand.
 *
 * <p>Also offers {@link #resources()}: a loader over the same entries whose parent is the platform
 * loader, used only for {@code getResourceAsStream}, which is how the agent's {@code TypeHierarchy}
 * reads supertypes. Nothing is ever loaded through it. The first entry that holds a class wins, as
 * on a real class path.
 */
final class ClassPathIndex implements Closeable {
  /** Where one class file is: a jar entry or a file. */
  private record Location(JarFile jar, String entry, Path file) {}

  private final Map<String, Location> classes = new TreeMap<>();
  private final List<JarFile> jars = new ArrayList<>();
  private final List<Path> entries = new ArrayList<>();
  private final URLClassLoader resources;

  private ClassPathIndex(String classPath) throws IOException {
    for (String part : classPath.split(File.pathSeparator)) {
      if (part.isBlank()) {
        continue;
      }
      if (part.endsWith("/*") || part.equals("*")) {
        Path dir =
            Path.of(
                part.substring(0, part.length() - 1).isEmpty()
                    ? "."
                    : part.substring(0, part.length() - 1));
        try (Stream<Path> listed = Files.list(dir)) {
          for (Path jar : listed.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
            add(jar);
          }
        }
      } else {
        add(Path.of(part));
      }
    }
    List<URL> urls = new ArrayList<>();
    for (Path p : entries) {
      urls.add(p.toUri().toURL());
    }
    resources =
        new URLClassLoader(
            "mltrace-check", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  /**
   * @throws IOException naming the entry that does not exist or cannot be read
   */
  static ClassPathIndex open(String classPath) throws IOException {
    return new ClassPathIndex(classPath);
  }

  private void add(Path entry) throws IOException {
    if (!Files.exists(entry)) {
      throw new IOException("class path entry " + entry + " does not exist");
    }
    entries.add(entry.toAbsolutePath());
    if (Files.isDirectory(entry)) {
      try (Stream<Path> files = Files.walk(entry)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          String name = entry.relativize(f).toString().replace(File.separatorChar, '/');
          classes.putIfAbsent(
              name.substring(0, name.length() - ".class".length()), new Location(null, null, f));
        }
      }
      return;
    }
    JarFile jar;
    try {
      jar = new JarFile(entry.toFile());
    } catch (IOException e) {
      throw new IOException("class path entry " + entry + " is not a jar: " + e.getMessage(), e);
    }
    jars.add(jar);
    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
      String name = e.nextElement().getName();
      // META-INF/versions/N/ holds copies for newer JDKs; the base entry is the one to describe.
      if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
        classes.putIfAbsent(
            name.substring(0, name.length() - ".class".length()), new Location(jar, name, null));
      }
    }
  }

  /**
   * Internal names of all classes, sorted; {@code module-info} and {@code package-info} left out.
   */
  List<String> classNames() {
    return classes.keySet().stream()
        .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
        .toList();
  }

  boolean contains(String internalName) {
    return classes.containsKey(internalName);
  }

  /** The class's bytes, or null when it is not on this class path. */
  byte[] bytes(String internalName) {
    Location at = classes.get(internalName);
    if (at == null) {
      return null;
    }
    try {
      if (at.file() != null) {
        return Files.readAllBytes(at.file());
      }
      try (InputStream in = at.jar().getInputStream(at.jar().getJarEntry(at.entry()))) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + internalName + ".class: " + e.getMessage(), e);
    }
  }

  /** The parsed class with code and debug information (frames skipped), or null when absent. */
  ClassNode node(String internalName) {
    byte[] bytes = bytes(internalName);
    if (bytes == null) {
      return null;
    }
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
    return node;
  }

  /** A loader for resources only (see the class comment). */
  ClassLoader resources() {
    return resources;
  }

  int entryCount() {
    return entries.size();
  }

  @Override
  public void close() throws IOException {
    for (JarFile jar : jars) {
      jar.close();
    }
    resources.close();
  }
}
