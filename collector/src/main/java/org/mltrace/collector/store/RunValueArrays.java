package org.mltrace.collector.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueSummary;

/**
 * The {@code component_runs} arrays that hold a run's values and summaries (V025), as the views
 * {@code run_inputs}, {@code run_outputs} and {@code run_value_summaries} read them: a flat array
 * of text, {@link #VALUE_FIELDS} entries per value in YAML order, {@link #SUMMARY_FIELDS} per
 * summary. One array column instead of a row per value is what lets a run be stored as one row plus
 * a row per pointer (docs/design-decisions.md, "A run is one row").
 *
 * <p>Numbers are written so that the views' casts read them back exactly ({@link Double#toString}
 * is the shortest text that parses to the same double); a summary statistic that is not finite is
 * stored as SQL NULL, as the summary table stored it. Times are ISO-8601 instants.
 */
final class RunValueArrays {
  /** name, value_kind, value_text, class_name, size, value_type, modified_at, fingerprint. */
  static final int VALUE_FIELDS = 8;

  /**
   * direction, position, elements, sampling, element_count, sampled, null_count, nan_count,
   * min_value, max_value, mean_value, stddev_value, distinct_estimate.
   */
  static final int SUMMARY_FIELDS = 13;

  private RunValueArrays() {}

  /** The array of {@code values}, or null when there are none. */
  static String[] values(List<CapturedValue> values) {
    if (values.isEmpty()) {
      return null;
    }
    String[] out = new String[values.size() * VALUE_FIELDS];
    int i = 0;
    for (CapturedValue v : values) {
      out[i++] = Jdbc.storable(v.name());
      out[i++] = v.kind().name();
      out[i++] = Jdbc.storable(v.text());
      out[i++] = Jdbc.storable(v.className());
      out[i++] = v.size() < 0 ? null : Long.toString(v.size());
      out[i++] = Jdbc.storable(v.pointerType());
      long modified = v.file() == null ? -1 : v.file().modifiedEpochMillis();
      out[i++] = modified < 0 ? null : Instant.ofEpochMilli(modified).toString();
      out[i++] = Jdbc.storable(v.fingerprint());
    }
    return out;
  }

  /** The array of the run's summaries, inputs first, or null when it has none. */
  static String[] summaries(RunEvent run) {
    List<String> out = new ArrayList<>();
    addSummaries(out, "input", run.inputs());
    addSummaries(out, "output", run.outputs());
    return out.isEmpty() ? null : out.toArray(String[]::new);
  }

  private static void addSummaries(List<String> out, String direction, List<CapturedValue> values) {
    for (int position = 0; position < values.size(); position++) {
      ValueSummary s = values.get(position).summary();
      if (s == null) {
        continue;
      }
      out.add(direction);
      out.add(Integer.toString(position));
      out.add(s.elements() == null ? "none" : s.elements());
      out.add(s.sampling() == null ? "all" : s.sampling());
      out.add(Long.toString(s.count()));
      out.add(Long.toString(s.sampled()));
      out.add(Long.toString(s.nulls()));
      out.add(Long.toString(s.nans()));
      out.add(number(s.min()));
      out.add(number(s.max()));
      out.add(number(s.mean()));
      out.add(number(s.stddev()));
      out.add(Long.toString(s.distinct()));
    }
  }

  private static String number(double d) {
    return Double.isFinite(d) ? Double.toString(d) : null;
  }
}
