package org.mltrace.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every run of a component's signature shares in its value arrays ({@link RunValueArrays}),
 * stored once in {@code value_templates} on PostgreSQL (V052): of a value's 8 entries the name,
 * kind, class and type, of a summary's 13 the direction, position, elements and sampling. Each part
 * is V050's text ({@link ValueEntriesText}) of its array, where each entry the run supplies is a
 * placeholder {@code %n$s} and a literal {@code %} is {@code %%}, so that PostgreSQL's {@code
 * format(part, VARIADIC string_to_array(value_entries, U+001F))} is the array's V050 text again
 * ({@code mltrace_run_entries}). The run's own entries are numbered 1, 2, ... across its inputs,
 * outputs and summaries, and {@code component_runs.value_entries} holds them, escaped as V050
 * escapes them and joined by U+001F. The split is V052's {@code mltrace_template_parts} and {@code
 * mltrace_value_entries}, entry for entry, so that a migrated run and a new one of the same shape
 * share their template.
 *
 * @param inputs the inputs' part, null when the run has none
 * @param outputs the outputs' part, null when none
 * @param summaries the summaries' part, null when none
 */
record ValueTemplate(String inputs, String outputs, String summaries) {
  private static final char SEPARATOR = ValueEntriesText.SEPARATOR;

  /** The 0-based positions within a value's 8 entries that each run supplies. */
  private static final boolean[] VALUE_VARYING = {
    false, false, true, false, true, false, true, true
  };

  /** The 0-based positions within a summary's 13 entries that each run supplies. */
  private static final boolean[] SUMMARY_VARYING = {
    false, false, false, false, true, true, true, true, true, true, true, true, true
  };

  /**
   * A run's values split in two.
   *
   * @param template the shared part, null for a run without values
   * @param entries the run's own entries ({@code value_entries}), null for a run without values
   */
  record Split(ValueTemplate template, String entries) {}

  /** Splits a run's three arrays (each null when empty) into its template and its own entries. */
  static Split split(Object[] inputs, Object[] outputs, Object[] summaries) {
    if (empty(inputs) && empty(outputs) && empty(summaries)) {
      return new Split(null, null);
    }
    List<String> own = new ArrayList<>();
    String in = part(inputs, VALUE_VARYING, own);
    String out = part(outputs, VALUE_VARYING, own);
    String sums = part(summaries, SUMMARY_VARYING, own);
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < own.size(); i++) {
      if (i > 0) {
        entries.append(SEPARATOR);
      }
      entries.append(own.get(i));
    }
    return new Split(new ValueTemplate(in, out, sums), entries.toString());
  }

  /**
   * The signature {@code value_templates} is looked up by, as V052's {@code
   * mltrace_template_signature}: the three parts joined by U+001E, a part's own U+001E written
   * U+0002 U+0006 and a missing part U+0001.
   */
  String signature() {
    return SharedRowKeys.signature(TABLE.values(this));
  }

  /** The table {@code value_templates} (V052). */
  static final SharedRowKeys.Table<ValueTemplate> TABLE =
      new SharedRowKeys.Table<>() {
        @Override
        public String name() {
          return "value_templates";
        }

        @Override
        public String key() {
          return "template_key";
        }

        @Override
        public List<String> columns() {
          return List.of("input_entries", "output_entries", "summary_entries");
        }

        @Override
        public List<String> types() {
          return List.of("text", "text", "text");
        }

        @Override
        public String signatureFunction() {
          return "mltrace_template_signature";
        }

        @Override
        public List<Object> values(ValueTemplate t) {
          return Arrays.asList(t.inputs(), t.outputs(), t.summaries());
        }

        @Override
        public ValueTemplate read(ResultSet rs, int first) throws SQLException {
          return new ValueTemplate(
              rs.getString(first), rs.getString(first + 1), rs.getString(first + 2));
        }
      };

  /**
   * The array one part of a template gives with a run's own entries: what {@code
   * mltrace_run_entries(part, entries)} gives in SQL, put together here. Each entry of a part is
   * either a placeholder ({@code %n$s}, or {@code %s} for the argument after the last one used) or
   * a literal with {@code %} doubled, as {@link #split} and V052 write them. Null for a null part.
   */
  static String[] entries(String part, String entries) {
    if (part == null) {
      return null;
    }
    String[] own = entries == null ? new String[0] : entries.split(String.valueOf(SEPARATOR), -1);
    String[] pieces = part.split(String.valueOf(SEPARATOR), -1);
    String[] out = new String[pieces.length];
    int next = 0;
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      String raw;
      int argument = placeholder(piece, next);
      if (argument >= 0) {
        raw = own[argument];
        next = argument + 1;
      } else {
        raw = piece.replace("%%", "%");
      }
      out[i] = ValueEntriesText.decodeEntry(raw);
    }
    return out;
  }

  /** The 0-based argument {@code piece} stands for, or -1 when it is a literal. */
  private static int placeholder(String piece, int next) {
    if (piece.equals("%s")) {
      return next;
    }
    if (piece.length() < 4 || piece.charAt(0) != '%' || !piece.endsWith("$s")) {
      return -1;
    }
    for (int i = 1; i < piece.length() - 2; i++) {
      if (!Character.isDigit(piece.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(piece, 1, piece.length() - 2, 10) - 1;
  }

  private static boolean empty(Object[] entries) {
    return entries == null || entries.length == 0;
  }

  /** The template part of {@code entries}; adds the run's own entries to {@code own}. */
  private static String part(Object[] entries, boolean[] varying, List<String> own) {
    if (empty(entries)) {
      return null;
    }
    StringBuilder b = new StringBuilder(entries.length * 8);
    for (int i = 0; i < entries.length; i++) {
      if (i > 0) {
        b.append(ValueEntriesText.SEPARATOR);
      }
      String escaped = ValueEntriesText.encodeEntry((String) entries[i]);
      // A NULL stays in the template: a value's size, time or fingerprint is NULL for every run of
      // most shapes, and the run would spend two bytes on each
      if (varying[i % varying.length] && entries[i] != null) {
        own.add(escaped);
        b.append('%').append(own.size()).append("$s");
      } else {
        b.append(escaped.replace("%", "%%"));
      }
    }
    return b.toString();
  }
}
