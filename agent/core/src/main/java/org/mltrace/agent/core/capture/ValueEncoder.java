package org.mltrace.agent.core.capture;

import java.io.File;
import java.lang.reflect.Array;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;

/**
 * Turns one live value into a {@link CapturedValue}, in constant time.
 *
 * <p>Primitives and strings become values (strings cut to the configured length); {@code Path},
 * {@code File}, {@code URI}, {@code URL} and strings naming an existing file become pointers
 * identified by their absolute normalized path or URI; every other object becomes an in-memory
 * pointer {@code mem://AGENT/CLASS@N} whose number is stable for the object's lifetime (see
 * {@link ObjectIds}). Never calls the application's methods; a {@code size()} is read only from
 * the JDK's own collections.
 */
public final class ValueEncoder {
  private static final int MAX_PATH_LENGTH = 4096;

  private final ObjectIds ids;
  private final int maxStringLength;
  private final ClassValue<ClassFacts> classFacts;

  public ValueEncoder(String agentId, ObjectIds ids, int maxStringLength) {
    this.ids = ids;
    this.maxStringLength = maxStringLength;
    this.classFacts = new ClassValue<>() {
      @Override
      protected ClassFacts computeValue(Class<?> type) {
        String typeName = type.getTypeName();
        return new ClassFacts(
            typeName, "mem://" + agentId + "/" + typeName + "@", PointerTypes.ofClassName(typeName), hasCheapSize(type.getName()));
      }
    };
  }

  public CapturedValue encode(String name, Object v) {
    try {
      return encodeUnsafe(name, v);
    } catch (Throwable t) {
      // A value we cannot describe must not cost the run, let alone the application call.
      return new CapturedValue(name, ValueKind.ERROR, t.getClass().getName(), null, null, -1);
    }
  }

  private CapturedValue encodeUnsafe(String name, Object v) {
    if (v == CaptureBridge.ABSENT) {
      return CapturedValue.absent(name);
    }
    if (v == null) {
      return new CapturedValue(name, ValueKind.NULL, null, null, null, -1);
    }
    if (v instanceof Boolean b) {
      return new CapturedValue(name, ValueKind.BOOLEAN, b.toString(), null, "boolean", -1);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return new CapturedValue(name, ValueKind.LONG, v.toString(), null, v.getClass().getName(), -1);
    }
    if (v instanceof Double || v instanceof Float) {
      return new CapturedValue(name, ValueKind.DOUBLE, v.toString(), null, v.getClass().getName(), -1);
    }
    if (v instanceof Character c) {
      return new CapturedValue(name, ValueKind.STRING, c.toString(), null, "java.lang.Character", 1);
    }
    if (v instanceof String s) {
      Path file = existingFile(s);
      return file != null ? filePointer(name, file, "java.lang.String") : string(name, s);
    }
    if (v instanceof Path p) {
      return p.getFileSystem() == FileSystems.getDefault()
          ? filePointer(name, p, v.getClass().getName())
          : uriPointer(name, p.toUri(), v.getClass().getName());
    }
    if (v instanceof File f) {
      return filePointer(name, f.toPath(), "java.io.File");
    }
    if (v instanceof URI u) {
      return "file".equalsIgnoreCase(u.getScheme()) && u.isAbsolute()
          ? filePointer(name, Path.of(u), "java.net.URI")
          : uriPointer(name, u, "java.net.URI");
    }
    if (v instanceof URL u) {
      URI fileUri = fileUri(u);
      if (fileUri != null) {
        // The same file as a Path or File to it, so that lineage links them.
        return encodeUnsafe(name, fileUri);
      }
      String text = u.toString();
      return new CapturedValue(name, ValueKind.POINTER, text, PointerTypes.ofUri(u.getProtocol(), u.getPath()), "java.net.URL", -1);
    }
    return memoryPointer(name, v);
  }

  private CapturedValue string(String name, String s) {
    String text = s.length() > maxStringLength ? s.substring(0, maxStringLength) : s;
    return new CapturedValue(name, ValueKind.STRING, text, null, "java.lang.String", s.length());
  }

  private static CapturedValue filePointer(String name, Path path, String className) {
    Path absolute = path.toAbsolutePath().normalize();
    long size;
    try {
      size = Files.size(absolute);
    } catch (Exception e) {
      size = -1;
    }
    String id = absolute.toString();
    return new CapturedValue(name, ValueKind.POINTER, id, PointerTypes.ofFileName(id), className, size);
  }

  private static CapturedValue uriPointer(String name, URI uri, String className) {
    return new CapturedValue(name, ValueKind.POINTER, uri.toString(), PointerTypes.ofUri(uri.getScheme(), uri.getPath()), className, -1);
  }

  private CapturedValue memoryPointer(String name, Object v) {
    Class<?> type = v.getClass();
    ClassFacts facts = classFacts.get(type);
    long size = -1;
    if (type.isArray()) {
      size = Array.getLength(v);
    } else if (facts.cheapSize()) {
      if (v instanceof Collection<?> c) {
        size = c.size();
      } else if (v instanceof Map<?, ?> m) {
        size = m.size();
      }
    }
    String id = facts.idPrefix() + ids.idOf(v);
    return new CapturedValue(name, ValueKind.POINTER, id, facts.pointerType(), facts.typeName(), size);
  }

  /** What the encoder needs of a class, worked out once per class rather than once per call. */
  private record ClassFacts(String typeName, String idPrefix, String pointerType, boolean cheapSize) {}

  /** A {@code file:} URL as a URI naming a local file, or null (then it stays a URL pointer). */
  private static URI fileUri(URL u) {
    if (!"file".equalsIgnoreCase(u.getProtocol())) {
      return null;
    }
    try {
      URI uri = u.toURI();
      Path.of(uri);
      return uri;
    } catch (URISyntaxException | RuntimeException e) {
      return null; // e.g. an unescaped space, or a remote host: not a local file we can name
    }
  }

  /**
   * The JDK's own collections answer size() in O(1); user collections might not. Nested
   * java.util classes are views and wrappers ({@code Collections.unmodifiableList}, a map's
   * {@code keySet()}) whose size() may call the user's collection; some concurrent ones walk
   * every element.
   */
  private static boolean hasCheapSize(String className) {
    if (className.startsWith("java.util.ImmutableCollections$") || className.equals("java.util.Arrays$ArrayList")) {
      return true;
    }
    return className.startsWith("java.util.")
        && className.indexOf('$') < 0
        && !className.startsWith("java.util.concurrent.ConcurrentLinked")
        && !className.startsWith("java.util.concurrent.ConcurrentSkipList")
        && !className.equals("java.util.concurrent.LinkedTransferQueue");
  }

  /** The path a string names when it looks like a path and the file exists, else null. */
  private static Path existingFile(String s) {
    if (s.isEmpty() || s.length() > MAX_PATH_LENGTH || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0) {
      return null;
    }
    int dot = s.lastIndexOf('.');
    boolean pathLike = s.indexOf('/') >= 0 || s.indexOf('\\') >= 0 || (dot > 0 && dot >= s.length() - 9 && dot < s.length() - 1);
    if (!pathLike) {
      return null;
    }
    try {
      Path p = Path.of(s);
      return Files.exists(p) ? p : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
