package org.mltrace.agent.core.capture;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.spi.EncodedValue;

/**
 * Turns a plugin's {@link EncodedValue} into the run's values: the value itself, plus its schema
 * and sources as {@link DerivedValues}. Paths and {@code file:} URIs become file pointers through
 * the same code as a {@code Path} parameter, so they link to the runs that wrote those files.
 */
final class PluginValues {
  private final ValueEncoder encoder;

  PluginValues(ValueEncoder encoder) {
    this.encoder = encoder;
  }

  /**
   * @param identity the agent's own in-memory pointer for the value, used when the plugin keeps the
   *     object's identity ({@link EncodedValue#sameObject()})
   */
  CapturedValue toValues(
      String name,
      CaptureOptions options,
      String className,
      EncodedValue encoded,
      CapturedValue identity,
      DerivedValues derived,
      boolean input) {
    CapturedValue value;
    if (encoded.pointer() != null) {
      value = pointer(name, encoded.pointer(), className, options);
      if (encoded.pointerType() != null) {
        value = value.withPointerType(encoded.pointerType());
      }
    } else if (encoded.text() != null) {
      String text = encoded.text();
      int max = options.maxStringLength();
      value =
          new CapturedValue(
              name,
              ValueKind.STRING,
              text.length() > max ? text.substring(0, max) : text,
              null,
              className,
              text.length());
    } else {
      value = identity;
    }
    if (derived != null) {
      if (encoded.schema() != null) {
        String schema = encoded.schema();
        int max = options.maxStringLength();
        derived.beside(
            new CapturedValue(
                name + ".schema",
                ValueKind.STRING,
                schema.length() > max ? schema.substring(0, max) : schema,
                null,
                className,
                schema.length()),
            input);
      }
      List<String> sources = encoded.sources();
      for (int i = 0; i < sources.size(); i++) {
        derived.source(pointer(name + ".source[" + i + "]", sources.get(i), className, options));
      }
    }
    return value;
  }

  /**
   * An absolute path or {@code file:} URI as a file pointer; anything else (another URI, a table
   * name, a relative path) as that identifier.
   */
  private CapturedValue pointer(String name, String id, String className, CaptureOptions options) {
    Path file = localFile(id);
    if (file != null) {
      return encoder.filePointer(name, file, className, options);
    }
    URI uri = uriOrNull(id);
    String scheme = uri == null ? null : uri.getScheme();
    return new CapturedValue(
        name,
        ValueKind.POINTER,
        id,
        PointerTypes.ofUri(scheme, uri == null ? id : uri.getPath()),
        className,
        -1);
  }

  private static Path localFile(String id) {
    try {
      if (id.regionMatches(true, 0, "file:", 0, 5)) {
        URI uri = new URI(id);
        // Hadoop writes file:/a/b; Path.of(URI) wants an absolute hierarchical URI without
        // authority.
        return uri.isAbsolute() && !uri.isOpaque() && uri.getAuthority() == null
            ? Path.of(uri)
            : null;
      }
      Path p = Path.of(id);
      return p.isAbsolute() ? p : null;
    } catch (Exception e) {
      return null; // InvalidPathException, URISyntaxException: not a local file we can name
    }
  }

  private static URI uriOrNull(String id) {
    try {
      return new URI(id);
    } catch (Exception e) {
      return null;
    }
  }
}
