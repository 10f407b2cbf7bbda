package org.mltrace.collector.trigger.builtin;

import java.time.Instant;
import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.RunSnapshot;

/** Builders for the hand-made runs and values the trigger tests evaluate. */
final class Runs {
  private Runs() {}

  static RunSnapshot run(
      String id, String component, List<CapturedData> inputs, List<CapturedData> outputs) {
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    return new RunSnapshot(id, component, t, t.plusSeconds(1), "ok", inputs, outputs);
  }

  /** A run of {@code featurize} with these outputs and no inputs. */
  static RunSnapshot withOutputs(String id, CapturedData... outputs) {
    return run(id, "featurize", List.of(), List.of(outputs));
  }

  /** A run of {@code featurize} with these inputs and no outputs. */
  static RunSnapshot withInputs(String id, CapturedData... inputs) {
    return run(id, "featurize", List.of(inputs), List.of());
  }

  static CapturedData number(String name, double v) {
    return new CapturedData(name, "DOUBLE", Double.toString(v), null, null, null, null, null);
  }

  static CapturedData whole(String name, long v) {
    return new CapturedData(name, "LONG", Long.toString(v), null, null, null, null, null);
  }

  static CapturedData nullValue(String name) {
    return new CapturedData(name, "NULL", null, null, null, null, null, null);
  }

  static CapturedData absent(String name) {
    return new CapturedData(name, "ABSENT", null, null, null, null, null, null);
  }

  static CapturedData text(String name, String v) {
    return new CapturedData(name, "STRING", v, null, (long) v.length(), null, null, null);
  }

  /** A collection of numbers with the given summary and no sample. */
  static CapturedData summarized(String name, CapturedData.Summary s) {
    return new CapturedData(
        name, "POINTER", "mem:" + name, "mem:" + name, s.count(), s, null, null);
  }

  /** A numeric summary of {@code count} elements, all sampled. */
  static CapturedData.Summary numbers(
      long count, long nulls, long nans, double min, double max, double mean, double stddev) {
    return new CapturedData.Summary(
        "number", "all", count, count, nulls, nans, min, max, mean, stddev, count - nulls - nans);
  }

  /**
   * A collection of numbers holding exactly {@code values} (NaN kept), its summary computed from
   * them and its sample the values themselves.
   */
  static CapturedData sampled(String name, double... values) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int n = 0;
    int nans = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        nans++;
        continue;
      }
      n++;
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    double sq = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sq += (v - mean) * (v - mean);
      }
    }
    double stddev = n == 0 ? Double.NaN : Math.sqrt(sq / n);
    CapturedData.Summary s =
        new CapturedData.Summary(
            "number",
            "all",
            values.length,
            values.length,
            0,
            nans,
            n == 0 ? Double.NaN : min,
            n == 0 ? Double.NaN : max,
            mean,
            stddev,
            n);
    return new CapturedData(
        name,
        "POINTER",
        "mem:" + name,
        "mem:" + name,
        (long) values.length,
        s,
        values.clone(),
        null);
  }

  /** A collection whose elements hashed to {@code hashes}. */
  static CapturedData hashed(String name, long... hashes) {
    return new CapturedData(
        name,
        "POINTER",
        "mem:" + name,
        "mem:" + name,
        (long) hashes.length,
        null,
        null,
        hashes.clone());
  }
}
