package org.mltrace.agent.core.matching;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Supertype facts read from class files as resources, never by loading classes.
 *
 * <p>Loading a class from inside a transformer can deadlock or define it in the wrong loader, so
 * this reads the {@code .class} bytes through the defining loader's resources instead. A loader
 * that defines classes from bytes it holds (generated or downloaded code, a plugin host) offers
 * them as no resource; only then is the supertype loaded, not initialized, through that same
 * loader, which the JVM is about to do anyway to define the class being transformed (Byte Buddy's
 * {@code POOL_FIRST} does the same). Without that, a subclass transformed before its superclass had
 * loaded missed {@code Base+} (found by ClassLoaderTreeIT). A class that cannot be found either way
 * yields null; callers must then decline rather than guess.
 */
public final class TypeHierarchy {
  /** Super name (null for Object), interfaces and whether it is an interface. */
  public record TypeInfo(String superName, List<String> interfaces, boolean isInterface) {}

  // Weak keys: frameworks create and drop class loaders by the thousand (Spark's and Janino's
  // generated classes); the agent must not keep them alive.
  private final Map<ClassLoader, Map<String, TypeInfo>> cache =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final ClassLoader BOOT = new ClassLoader(null) {};

  /** Facts about an internal name ({@code java/lang/String}) as seen from {@code loader}. */
  public TypeInfo info(ClassLoader loader, String internalName) {
    ClassLoader key = loader == null ? BOOT : loader;
    Map<String, TypeInfo> byName = cache.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    TypeInfo known = byName.get(internalName);
    if (known != null) {
      return known;
    }
    TypeInfo read = read(loader, internalName);
    if (read != null) {
      byName.put(internalName, read);
    }
    return read;
  }

  /** Records a class being transformed, whose bytes are at hand but not yet a resource. */
  public void remember(ClassLoader loader, String internalName, TypeInfo info) {
    cache
        .computeIfAbsent(loader == null ? BOOT : loader, k -> new ConcurrentHashMap<>())
        .put(internalName, info);
  }

  /**
   * Every supertype (classes and interfaces, transitively, including the type itself) of {@code
   * internalName}; types whose class files cannot be read are skipped.
   */
  public List<String> supertypes(ClassLoader loader, String internalName) {
    List<String> result = new ArrayList<>();
    collect(loader, internalName, result);
    return result;
  }

  private void collect(ClassLoader loader, String name, List<String> out) {
    if (name == null || out.contains(name)) {
      return;
    }
    out.add(name);
    TypeInfo info = info(loader, name);
    if (info == null) {
      return;
    }
    collect(loader, info.superName(), out);
    for (String i : info.interfaces()) {
      collect(loader, i, out);
    }
  }

  private static TypeInfo read(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    ClassLoader l = loader != null ? loader : ClassLoader.getPlatformClassLoader();
    try (InputStream in = l.getResourceAsStream(resource)) {
      InputStream stream = in != null ? in : ClassLoader.getSystemResourceAsStream(resource);
      if (stream == null) {
        return loaded(loader, internalName);
      }
      try (stream) {
        ClassReader reader = new ClassReader(stream);
        return new TypeInfo(
            reader.getSuperName(),
            List.of(reader.getInterfaces()),
            (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0);
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static TypeInfo loaded(ClassLoader loader, String internalName) {
    if (loader == null) {
      return null;
    }
    try {
      Class<?> c = Class.forName(internalName.replace('/', '.'), false, loader);
      List<String> interfaces = new ArrayList<>();
      for (Class<?> i : c.getInterfaces()) {
        interfaces.add(i.getName().replace('.', '/'));
      }
      Class<?> superclass = c.getSuperclass();
      return new TypeInfo(
          superclass == null ? null : superclass.getName().replace('.', '/'),
          List.copyOf(interfaces),
          c.isInterface());
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return null; // not there, or broken: decline, as for a class file that cannot be read
    }
  }
}
