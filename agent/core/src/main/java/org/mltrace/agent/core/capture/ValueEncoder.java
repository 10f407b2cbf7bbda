package org.mltrace.agent.core.capture;

import java.io.File;
import java.lang.reflect.Array;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.plugins.PluginEncoders;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.FileFacts;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.agent.spi.EncodedValue;

/**
 * Turns one live value into a {@link CapturedValue}, in constant time.
 *
 * <p>Primitives and strings become values (strings cut to the configured length); {@code Path},
 * {@code File}, {@code URI}, {@code URL} and strings naming an existing file become pointers
 * identified by their absolute normalized path or URI; every other object becomes an in-memory
 * pointer {@code mem://AGENT/CLASS@N} whose number is stable for the object's lifetime (see {@link
 * ObjectIds}). Never calls the application's methods; a {@code size()} is read only from the JDK's
 * own collections.
 *
 * <p>Besides, bounded by the variable's {@link CaptureOptions}: arrays, JDK collections and maps of
 * numbers or strings carry a {@link ValueSummary} over at most {@code sample_cap} elements (see
 * {@link ValueSummaries}); file pointers carry their modification time and a content fingerprint
 * (see {@link FileFingerprints}); a redacted variable keeps only a SHA-256 of its text. A failure
 * in any of these is counted as an internal error and only drops that extra (summary or
 * fingerprint), or makes the value an ERROR; it never reaches the application.
 *
 * <p>Objects of classes the agent does not know are first offered to the YAML's {@code plugins:}
 * (see {@link PluginEncoders}); the plugin chosen for a class is looked up once per class.
 */
public final class ValueEncoder {
  private static final int MAX_PATH_LENGTH = 4096;
  public static final long DEFAULT_FINGERPRINT_MAX_BYTES = 64L * 1024 * 1024;

  private final ObjectIds ids;
  private final int maxStringLength;
  private final long fingerprintMaxBytes;
  private final ValueSummaries summaries;
  private final ClassValue<ClassFacts> classFacts;
  private final PluginEncoders plugins;
  private final PluginValues pluginValues = new PluginValues(this);

  public ValueEncoder(String agentId, ObjectIds ids, int maxStringLength) {
    this(agentId, ids, maxStringLength, DEFAULT_FINGERPRINT_MAX_BYTES, new ValueSummaries());
  }

  public ValueEncoder(
      String agentId, ObjectIds ids, int maxStringLength, long fingerprintMaxBytes) {
    this(agentId, ids, maxStringLength, fingerprintMaxBytes, new ValueSummaries());
  }

  ValueEncoder(
      String agentId,
      ObjectIds ids,
      int maxStringLength,
      long fingerprintMaxBytes,
      ValueSummaries summaries) {
    this(agentId, ids, maxStringLength, fingerprintMaxBytes, summaries, PluginEncoders.NONE);
  }

  public ValueEncoder(
      String agentId,
      ObjectIds ids,
      int maxStringLength,
      long fingerprintMaxBytes,
      PluginEncoders plugins) {
    this(agentId, ids, maxStringLength, fingerprintMaxBytes, new ValueSummaries(), plugins);
  }

  ValueEncoder(
      String agentId,
      ObjectIds ids,
      int maxStringLength,
      long fingerprintMaxBytes,
      ValueSummaries summaries,
      PluginEncoders plugins) {
    this.plugins = plugins;
    this.ids = ids;
    this.maxStringLength = maxStringLength;
    this.fingerprintMaxBytes = fingerprintMaxBytes;
    this.summaries = summaries;
    this.classFacts =
        new ClassValue<>() {
          @Override
          protected ClassFacts computeValue(Class<?> type) {
            String typeName = type.getTypeName();
            return new ClassFacts(
                typeName,
                "mem://" + agentId + "/" + typeName + "@",
                PointerTypes.ofClassName(typeName),
                hasCheapSize(type.getName()),
                ValueSummaries.isSummarized(type),
                plugins.forClass(type));
          }
        };
  }

  /** With the default options and this encoder's string length. */
  public CapturedValue encode(String name, Object v) {
    return encode(name, CaptureOptions.DEFAULTS.withMaxStringLength(maxStringLength), v);
  }

  public CapturedValue encode(String name, CaptureOptions options, Object v) {
    return encode(name, options, v, null, true);
  }

  /** Whether the YAML named plugins, so runs need a {@link DerivedValues} for what they derive. */
  public boolean hasPlugins() {
    return !plugins.isEmpty();
  }

  /**
   * @param derived receives what a plugin derives from the value (schema, sources); null to keep
   *     only the value itself
   * @param input whether the variable is an input (its schema goes to the same side)
   */
  public CapturedValue encode(
      String name, CaptureOptions options, Object v, DerivedValues derived, boolean input) {
    try {
      if (options.redact()) {
        return redacted(name, options, v);
      }
      CapturedValue value = encodeUnsafe(name, options, v, derived, input);
      if (options.snapshot() && value.isPointer()) {
        value = value.withSnapshot(true); // the collector copies the file, never this thread
      }
      return options.type() == null
              || value.kind() == ValueKind.ABSENT
              || value.kind() == ValueKind.NULL
              || value.kind() == ValueKind.ERROR
          ? value
          : value.withPointerType(options.type());
    } catch (Throwable t) {
      // A value we cannot describe must not cost the run, let alone the application call.
      AgentCounters.internalError(AgentHealth.ENCODER_FAILED);
      return new CapturedValue(name, ValueKind.ERROR, t.getClass().getName(), null, null, -1);
    }
  }

  /**
   * Only {@code sha256:HEX} of the text the value would have had (a string's whole text, a number's
   * decimal form, a pointer's identifier); no size, summary or fingerprint, which could tell
   * something of the value. Files are not read.
   */
  private CapturedValue redacted(String name, CaptureOptions options, Object v) throws Exception {
    if (v == CaptureBridge.ABSENT || v == null) {
      return encodeUnsafe(name, options, v, null, true);
    }
    String text;
    String className;
    if (v instanceof String s) {
      text = s;
      className = "java.lang.String";
    } else {
      // capture: pointer asks no plugin: a redacted value is the hash of the agent's own identity.
      CapturedValue plain =
          encodeUnsafe(
              name,
              new CaptureOptions(null, CaptureMode.POINTER, false, Integer.MAX_VALUE, 0),
              v,
              null,
              true);
      text = plain.formatted().text();
      className = plain.className();
    }
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
    return new CapturedValue(
        name,
        ValueKind.REDACTED,
        "sha256:" + HexFormat.of().formatHex(digest),
        options.type(),
        className,
        -1);
  }

  private CapturedValue encodeUnsafe(
      String name, CaptureOptions options, Object v, DerivedValues derived, boolean input) {
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
      return new CapturedValue(
          name, ValueKind.LONG, v.toString(), null, v.getClass().getName(), -1);
    }
    if (v instanceof Double || v instanceof Float) {
      // Its text is made by the collector (see CapturedValue.number), not on this thread.
      return CapturedValue.number(name, ((Number) v).doubleValue(), v.getClass().getName());
    }
    if (v instanceof Character c) {
      return new CapturedValue(
          name, ValueKind.STRING, c.toString(), null, "java.lang.Character", 1);
    }
    if (v instanceof String s) {
      Path file = options.mode() == CaptureMode.VALUE ? null : existingFile(s);
      return file != null
          ? filePointer(name, file, "java.lang.String", options)
          : string(name, s, options.maxStringLength());
    }
    if (v instanceof Path p) {
      return p.getFileSystem() == FileSystems.getDefault()
          ? filePointer(name, p, v.getClass().getName(), options)
          : uriPointer(name, p.toUri(), v.getClass().getName());
    }
    if (v instanceof File f) {
      return filePointer(name, f.toPath(), "java.io.File", options);
    }
    if (v instanceof URI u) {
      return "file".equalsIgnoreCase(u.getScheme()) && u.isAbsolute()
          ? filePointer(name, Path.of(u), "java.net.URI", options)
          : uriPointer(name, u, "java.net.URI");
    }
    if (v instanceof URL u) {
      URI fileUri = fileUri(u);
      if (fileUri != null) {
        // The same file as a Path or File to it, so that lineage links them.
        return encodeUnsafe(name, options, fileUri, null, input);
      }
      String text = u.toString();
      return new CapturedValue(
          name,
          ValueKind.POINTER,
          text,
          PointerTypes.ofUri(u.getProtocol(), u.getPath()),
          "java.net.URL",
          -1);
    }
    return memoryPointer(name, v, options, derived, input);
  }

  private static CapturedValue string(String name, String s, int maxLength) {
    String text = s.length() > maxLength ? s.substring(0, maxLength) : s;
    return new CapturedValue(name, ValueKind.STRING, text, null, "java.lang.String", s.length());
  }

  /**
   * A file pointer with its size and modification time (one {@code stat}) and, unless the variable
   * asked for the pointer only, a content fingerprint of a regular file.
   */
  CapturedValue filePointer(String name, Path path, String className, CaptureOptions options) {
    Path absolute = path.toAbsolutePath().normalize();
    String id = absolute.toString();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
    } catch (Exception e) {
      // Not there (yet): an output path the method has not written, say. Identity only.
      return new CapturedValue(
          name, ValueKind.POINTER, id, PointerTypes.ofFileName(id), className, -1);
    }
    long size = attributes.size();
    String fingerprint = null;
    if (attributes.isRegularFile() && options.mode() != CaptureMode.POINTER) {
      try {
        fingerprint = FileFingerprints.of(absolute, size, fingerprintMaxBytes);
      } catch (Throwable t) {
        // Unreadable, or gone meanwhile: the pointer stands without a fingerprint.
        AgentCounters.internalError(AgentHealth.ENCODER_FAILED);
      }
    }
    FileFacts file = new FileFacts(attributes.lastModifiedTime().toMillis(), fingerprint);
    return new CapturedValue(
        name, ValueKind.POINTER, id, PointerTypes.ofFileName(id), className, size, null, file);
  }

  private static CapturedValue uriPointer(String name, URI uri, String className) {
    return new CapturedValue(
        name,
        ValueKind.POINTER,
        uri.toString(),
        PointerTypes.ofUri(uri.getScheme(), uri.getPath()),
        className,
        -1);
  }

  private CapturedValue memoryPointer(
      String name, Object v, CaptureOptions options, DerivedValues derived, boolean input) {
    Class<?> type = v.getClass();
    ClassFacts facts = classFacts.get(type);
    if (facts.plugin() != null && options.mode() != CaptureMode.POINTER) {
      EncodedValue encoded = facts.plugin().encode(v);
      if (encoded != null) {
        CapturedValue identity =
            new CapturedValue(
                name,
                ValueKind.POINTER,
                facts.idPrefix() + ids.idOf(v),
                facts.pointerType(),
                facts.typeName(),
                -1);
        return pluginValues.toValues(
            name, options, facts.typeName(), encoded, identity, derived, input);
      }
    }
    ValueSummary summary = null;
    if (facts.summarized() && options.mode() != CaptureMode.POINTER && options.sampleCap() > 0) {
      try {
        summary = summaries.summarize(v, options.sampleCap());
        if (summary != null && options.keepsExtras()) {
          summary = summaries.withExtras(summary, v, options);
        }
      } catch (Throwable t) {
        // Modified by another thread while sampled, say: the pointer stands without a summary.
        AgentCounters.internalError(AgentHealth.ENCODER_FAILED);
      }
    }
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
    return new CapturedValue(
        name, ValueKind.POINTER, id, facts.pointerType(), facts.typeName(), size, summary, null);
  }

  /** What the encoder needs of a class, worked out once per class rather than once per call. */
  private record ClassFacts(
      String typeName,
      String idPrefix,
      String pointerType,
      boolean cheapSize,
      boolean summarized,
      PluginEncoders.Bound plugin) {}

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
   * The JDK's own collections answer size() in O(1); user collections might not. Nested java.util
   * classes are views and wrappers ({@code Collections.unmodifiableList}, a map's {@code keySet()})
   * whose size() may call the user's collection; some concurrent ones walk every element.
   */
  private static boolean hasCheapSize(String className) {
    if (className.startsWith("java.util.ImmutableCollections$")
        || className.equals("java.util.Arrays$ArrayList")) {
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
    if (s.isEmpty()
        || s.length() > MAX_PATH_LENGTH
        || s.indexOf('\n') >= 0
        || s.indexOf('\0') >= 0) {
      return null;
    }
    int dot = s.lastIndexOf('.');
    boolean pathLike =
        s.indexOf('/') >= 0
            || s.indexOf('\\') >= 0
            || (dot > 0 && dot >= s.length() - 9 && dot < s.length() - 1);
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
