package org.mltrace.agent.core.capture;

import java.util.Set;
import org.objectweb.asm.Type;

/**
 * How {@link ValueEncoder} will record a variable, predicted from its declared type before any
 * value exists (for {@code check}). The encoder decides by the value's run-time class; a declared
 * {@code Object} or {@code Serializable} can hold anything, so for those the answer is "decided at
 * run time". Keep this in step with {@link ValueEncoder#encode}: the cases follow its order.
 */
public final class ExpectedCapture {
  public static final String VALUE = "value";
  public static final String SUMMARY = "summary";
  public static final String FILE_POINTER = "file pointer";
  public static final String MEMORY_POINTER = "in-memory pointer";
  public static final String REDACTED = "redacted (sha256 of its text)";
  public static final String AT_RUN_TIME = "decided by the run-time value";

  private static final Set<String> BOXED =
      Set.of(
          "java/lang/Boolean",
          "java/lang/Integer",
          "java/lang/Long",
          "java/lang/Short",
          "java/lang/Byte",
          "java/lang/Double",
          "java/lang/Float",
          "java/lang/Character");
  private static final Set<String> FILES =
      Set.of("java/nio/file/Path", "java/io/File", "java/net/URI", "java/net/URL");

  /** Declared types that say nothing of what the value is. */
  private static final Set<String> ANYTHING =
      Set.of(
          "java/lang/Object",
          "java/io/Serializable",
          "java/lang/Comparable",
          "java/lang/CharSequence",
          "java/lang/Number",
          "java/lang/Cloneable");

  private ExpectedCapture() {}

  /** One of the constants, possibly followed by a note ("file pointer, no fingerprint"). */
  public static String of(Type declared, CaptureOptions options) {
    if (options.redact()) {
      return REDACTED;
    }
    boolean pointerOnly = options.mode() == CaptureMode.POINTER;
    switch (declared.getSort()) {
      case Type.BOOLEAN,
      Type.CHAR,
      Type.BYTE,
      Type.SHORT,
      Type.INT,
      Type.LONG,
      Type.FLOAT,
      Type.DOUBLE:
        return VALUE;
      case Type.ARRAY:
        return numericOrText(declared.getElementType())
                && declared.getDimensions() == 1
                && !pointerOnly
            ? SUMMARY + " (" + MEMORY_POINTER + " with a summary of its elements)"
            : MEMORY_POINTER;
      default:
        break;
    }
    String name = declared.getInternalName();
    if (BOXED.contains(name)) {
      return VALUE;
    }
    if (name.equals("java/lang/String")) {
      return options.mode() == CaptureMode.VALUE
          ? VALUE
          : VALUE + ", or " + FILE_POINTER + " when it names an existing file";
    }
    if (FILES.contains(name)) {
      return FILE_POINTER
          + (pointerOnly ? " (no fingerprint)" : "")
          + (name.startsWith("java/net/") ? " (or a URI pointer for other schemes)" : "");
    }
    if (ANYTHING.contains(name)) {
      return AT_RUN_TIME;
    }
    if (name.startsWith("java/util/") && !pointerOnly) {
      return MEMORY_POINTER
          + ", with a summary when it is a JDK collection or map of numbers or strings";
    }
    String pointerType =
        options.type() != null ? options.type() : PointerTypes.ofClassName(declared.getClassName());
    return MEMORY_POINTER + " (" + pointerType + ")";
  }

  private static boolean numericOrText(Type element) {
    return switch (element.getSort()) {
      case Type.BOOLEAN, Type.CHAR -> false;
      case Type.OBJECT ->
          element.getInternalName().equals("java/lang/String")
              || ANYTHING.contains(element.getInternalName())
              || BOXED.contains(element.getInternalName());
      default -> true;
    };
  }
}
