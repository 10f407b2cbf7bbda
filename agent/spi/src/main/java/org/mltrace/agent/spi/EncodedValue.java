package org.mltrace.agent.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@link ValueEncoderPlugin} says about one value. Immutable; build it with one of the
 * factories and the {@code with...} methods:
 *
 * <pre>{@code
 * return EncodedValue.sameObject()
 *     .withSchema(ds.schema().simpleString())
 *     .withSource("file:/data/raw/trips.csv");
 * }</pre>
 *
 * <p>How the agent records it (the variable is called {@code NAME} in the YAML):
 *
 * <ul>
 *   <li>the value itself: {@link #sameObject()} keeps the agent's in-memory pointer, which follows
 *       the object's identity from call to call; {@link #pointer} names it by an identifier of its
 *       own (a file path, a URI, a table name); {@link #text} records it as a string;
 *   <li>{@link #withSchema}: a string value {@code NAME.schema} beside it, cut to the variable's
 *       {@code max_length};
 *   <li>{@link #withSource}: each source becomes an <em>input</em> pointer {@code NAME.source[I]}
 *       of the run, whichever side the value is on, so the run links to the run that wrote the
 *       source. An absolute local path or {@code file:} URI is recorded as a file (with size,
 *       modification time and fingerprint, exactly as a {@code Path} parameter naming it would be);
 *       any other URI ({@code s3a://bucket/key}) as that URI.
 * </ul>
 */
public final class EncodedValue {
  private static final EncodedValue SAME_OBJECT =
      new EncodedValue(null, null, null, null, List.of());

  private final String pointer;
  private final String pointerType;
  private final String text;
  private final String schema;
  private final List<String> sources;

  private EncodedValue(
      String pointer, String pointerType, String text, String schema, List<String> sources) {
    this.pointer = pointer;
    this.pointerType = pointerType;
    this.text = text;
    this.schema = schema;
    this.sources = sources;
  }

  /** The value keeps the agent's in-memory identity; add a schema or sources to it. */
  public static EncodedValue sameObject() {
    return SAME_OBJECT;
  }

  /**
   * The value is the pointer {@code id} (a path, a URI, a table name).
   *
   * @param type {@code data}, {@code model} or {@code endpoint}, or null to let the agent guess (a
   *     variable's {@code type:} in the YAML wins either way)
   */
  public static EncodedValue pointer(String id, String type) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a pointer needs a non-empty identifier");
    }
    return new EncodedValue(id, type, null, null, List.of());
  }

  /** The value is recorded as this text (cut to the variable's {@code max_length}). */
  public static EncodedValue text(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
    return new EncodedValue(null, null, text, null, List.of());
  }

  /** The same description with a schema or other one-line summary of the value. */
  public EncodedValue withSchema(String schema) {
    return new EncodedValue(pointer, pointerType, text, schema, sources);
  }

  /**
   * The same description with one more source: an absolute path or a URI the value was read from.
   */
  public EncodedValue withSource(String source) {
    if (source == null || source.isEmpty()) {
      throw new IllegalArgumentException("a source needs a non-empty path or URI");
    }
    List<String> more = new ArrayList<>(sources);
    more.add(source);
    return new EncodedValue(pointer, pointerType, text, schema, Collections.unmodifiableList(more));
  }

  /** The same description with these sources added, in order. */
  public EncodedValue withSources(List<String> more) {
    EncodedValue v = this;
    for (String s : more) {
      v = v.withSource(s);
    }
    return v;
  }

  /** The pointer's identifier, or null when the value keeps its identity or is a text. */
  public String pointer() {
    return pointer;
  }

  /** The pointer's type, or null to guess. */
  public String pointerType() {
    return pointerType;
  }

  /** The text, or null when the value is a pointer. */
  public String text() {
    return text;
  }

  /** The schema, or null. */
  public String schema() {
    return schema;
  }

  /** The sources, in order; never null. */
  public List<String> sources() {
    return sources;
  }

  @Override
  public String toString() {
    return "EncodedValue[pointer="
        + pointer
        + ", type="
        + pointerType
        + ", text="
        + text
        + ", schema="
        + schema
        + ", sources="
        + sources
        + "]";
  }
}
