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
        entries.append(ValueEntriesText.SEPARATOR);
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
      if (varying[i % varying.length]) {
        own.add(escaped);
        b.append('%').append(own.size()).append("$s");
      } else {
        b.append(escaped.replace("%", "%%"));
      }
    }
    return b.toString();
  }
}
