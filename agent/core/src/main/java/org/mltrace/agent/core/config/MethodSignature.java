package org.mltrace.agent.core.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed {@code CLASS#METHOD(PARAM_TYPES)} signature.
 *
 * @param text the signature as written
 * @param classPattern matches dotted class names ({@code *} is any run of characters)
 * @param includeSubtypes the class was written with a trailing {@code +}
 * @param methodPattern matches method names; {@code <init>} for constructors
 * @param parameterDescriptors JVM descriptors of the parameters ({@code I}, {@code
 *     Ljava/nio/file/Path;}, {@code [D}), or null for {@code (..)}
 * @param line the YAML line it was written on
 */
public record MethodSignature(
    String text,
    Pattern classPattern,
    boolean includeSubtypes,
    Pattern methodPattern,
    List<String> parameterDescriptors,
    int line) {

  /** The class part as written, without {@code +}. */
  public String classText() {
    int hash = text.indexOf('#');
    String cls = text.substring(0, hash).trim();
    return cls.endsWith("+") ? cls.substring(0, cls.length() - 1) : cls;
  }

  /** The method name as written. */
  public String methodText() {
    return text.substring(text.indexOf('#') + 1, text.indexOf('(')).trim();
  }

  public boolean hasWildcardClass() {
    return classText().contains("*");
  }
}
