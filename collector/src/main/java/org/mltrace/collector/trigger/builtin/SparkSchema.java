package org.mltrace.collector.trigger.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-level columns of a Spark schema as the Spark encoder plugin records it beside a Dataset
 * variable {@code NAME}: a string value {@code NAME.schema} holding {@code
 * schema().simpleString()}, e.g. {@code struct<trip_id:int,fare:double,tags:array<string>>}.
 *
 * <p>The string may be incomplete in two ways, which {@link #complete()} reports: the agent cuts it
 * at the variable's {@code max_length} (its recorded size is then larger than its text), and Spark
 * itself abbreviates schemas wider than {@code spark.sql.debug.maxToStringFields} (25 by default)
 * to {@code ...,... 12 more fields>}.
 *
 * @param columns column name to its type's simple string ({@code double}, {@code array<string>})
 * @param complete whether every column is listed
 */
record SparkSchema(Map<String, String> columns, boolean complete) {

  /** Parses {@code struct<...>}; null when the text is not a struct schema. */
  static SparkSchema parse(String text, boolean cut) {
    if (text == null || !text.startsWith("struct<")) {
      return null;
    }
    boolean complete = !cut && text.endsWith(">");
    String body = text.substring("struct<".length(), complete ? text.length() - 1 : text.length());
    Map<String, String> columns = new LinkedHashMap<>();
    for (String field : topLevel(body)) {
      if (field.startsWith("...") && field.endsWith("more fields")) {
        complete = false;
        continue;
      }
      int colon = nameEnd(field);
      if (colon < 0) {
        complete = false; // the cut fell inside this field
        continue;
      }
      columns.put(unquote(field.substring(0, colon)), field.substring(colon + 1));
    }
    return new SparkSchema(columns, complete);
  }

  /**
   * Splits at the commas outside {@code <>}, {@code ()} and backticks: the fields of a struct, or a
   * {@code columns} argument, whose list the YAML flattening joined with commas ({@code
   * price:decimal(10,2)} stays one entry). Entries are trimmed.
   */
  static List<String> topLevel(String body) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (!quoted && (c == '<' || c == '(')) {
        depth++;
      } else if (!quoted && (c == '>' || c == ')')) {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(body.substring(start, i).trim());
        start = i + 1;
      }
    }
    if (start < body.length()) {
      parts.add(body.substring(start).trim());
    }
    parts.removeIf(String::isEmpty);
    return parts;
  }

  /** The index of the colon ending the field's name (a quoted name may hold colons), or -1. */
  static int nameEnd(String field) {
    boolean quoted = false;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (c == ':' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  /** A backtick-quoted name without its quotes ({@code `a:b`} is {@code a:b}). */
  static String unquote(String name) {
    if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
      return name.substring(1, name.length() - 1).replace("``", "`");
    }
    return name;
  }
}
