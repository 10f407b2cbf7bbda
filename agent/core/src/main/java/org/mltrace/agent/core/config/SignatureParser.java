package org.mltrace.agent.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses {@code CLASS#METHOD(PARAM_TYPES)}.
 *
 * <p>CLASS is fully qualified ({@code Outer$Inner} for nested classes), may contain {@code *} and
 * may end in {@code +} for subtypes. METHOD is a name, may contain {@code *}, or is {@code <init>}.
 * PARAM_TYPES are fully qualified, comma separated, {@code int[]} for arrays, {@code double...} for
 * a varargs last parameter (the same as {@code double[]}, which is what the class file says),
 * generics erased, or {@code ..} for any.
 */
public final class SignatureParser {
  private static final String IDENT = "[A-Za-z_$*][A-Za-z0-9_$*]*";
  private static final Pattern CLASS_NAME = Pattern.compile(IDENT + "(\\." + IDENT + ")*");
  private static final Pattern METHOD_NAME = Pattern.compile(IDENT + "|<init>");
  private static final Pattern TYPE_NAME =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*((\\[\\])*)");
  private static final Map<String, String> PRIMITIVES =
      Map.of(
          "boolean", "Z", "byte", "B", "char", "C", "short", "S", "int", "I", "long", "J", "float",
          "F", "double", "D");
  private static final List<String> COMMON_SIMPLE_NAMES =
      List.of("String", "Object", "Integer", "Long", "Double", "Float", "Boolean", "Iterable");

  private SignatureParser() {}

  /**
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static MethodSignature parse(String text, int line) {
    String s = text.trim();
    int hash = s.indexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException(
          "signature '"
              + text
              + "' has no '#': expected CLASS#METHOD(PARAM_TYPES), e.g. com.acme.Trainer#fit(java.nio.file.Path, int)");
    }
    int open = s.indexOf('(', hash);
    if (open < 0 || !s.endsWith(")")) {
      throw new IllegalArgumentException(
          "signature '"
              + text
              + "' needs a parameter list in parentheses after the method name, e.g. #fit(int) or #fit(..)");
    }
    String cls = s.substring(0, hash).trim();
    boolean subtypes = cls.endsWith("+");
    if (subtypes) {
      cls = cls.substring(0, cls.length() - 1).trim();
    }
    if (!CLASS_NAME.matcher(cls).matches()) {
      throw new IllegalArgumentException(
          "signature '"
              + text
              + "': '"
              + cls
              + "' is not a class name; expected a fully qualified name like com.acme.Trainer");
    }
    String method = s.substring(hash + 1, open).trim();
    if (!METHOD_NAME.matcher(method).matches()) {
      throw new IllegalArgumentException(
          "signature '"
              + text
              + "': '"
              + method
              + "' is not a method name; expected a Java identifier, '*' patterns or <init>");
    }
    String params = s.substring(open + 1, s.length() - 1).trim();
    List<String> descriptors = params.equals("..") ? null : parameterDescriptors(text, params);
    return new MethodSignature(s, glob(cls), subtypes, glob(method), descriptors, line);
  }

  private static List<String> parameterDescriptors(String text, String params) {
    List<String> descriptors = new ArrayList<>();
    if (params.isEmpty()) {
      return descriptors;
    }
    String[] raws = params.split(",", -1);
    for (int i = 0; i < raws.length; i++) {
      String raw = raws[i];
      String type = raw.replaceAll("\\s+", "");
      if (type.endsWith("...") && type.length() > 3) {
        if (i < raws.length - 1) {
          throw new IllegalArgumentException(
              "signature '"
                  + text
                  + "': only the last parameter can be varargs ('"
                  + raw.trim()
                  + "'); write it as an array, e.g. double[]");
        }
        type =
            type.substring(0, type.length() - 3) + "[]"; // varargs are an array in the class file
      }
      if (type.contains("<")) {
        throw new IllegalArgumentException(
            "signature '"
                + text
                + "': parameter '"
                + raw.trim()
                + "' has generics; write the erased type, e.g. java.util.List");
      }
      if (!TYPE_NAME.matcher(type).matches()) {
        throw new IllegalArgumentException(
            "signature '"
                + text
                + "': '"
                + raw.trim()
                + "' is not a parameter type; expected e.g. int, double[], java.nio.file.Path or '..' alone");
      }
      descriptors.add(descriptor(text, type));
    }
    return descriptors;
  }

  private static String descriptor(String text, String type) {
    int dims = 0;
    while (type.endsWith("[]")) {
      dims++;
      type = type.substring(0, type.length() - 2);
    }
    String element = PRIMITIVES.get(type);
    if (element == null) {
      if (COMMON_SIMPLE_NAMES.contains(type)) {
        throw new IllegalArgumentException(
            "signature '"
                + text
                + "': write parameter types fully qualified: java.lang."
                + type
                + " instead of "
                + type);
      }
      element = "L" + type.replace('.', '/') + ";";
    }
    return "[".repeat(dims) + element;
  }

  private static Pattern glob(String text) {
    String[] parts = text.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!parts[i].isEmpty()) {
        regex.append(Pattern.quote(parts[i]));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
