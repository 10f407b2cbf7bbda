package org.mltrace.collector.truth;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;

/**
 * The (identifier, value) pairs of one run for one side of a task: both variables one value each
 * (an endpoint call), or both collections of one length, read from their summaries' texts (parallel
 * ids and scores of a batch), or a map of id to value: a map's identifiers are its keys and its
 * values its values, so a task may name one map as both ({@code id: scores, value: scores}). A
 * variable is the run's output of that name, else its input. What cannot be paired is counted,
 * never dropped silently: pairs with a null or unreadable id or value, and every pair of a run
 * whose two collections differ in length, whose variables were not captured, or that threw, as
 * unusable; elements past the task's {@code max_pairs} as cut.
 */
final class PairExtractor {
  private PairExtractor() {}

  record Pair(String id, double value) {}

  record Extracted(List<Pair> pairs, long cut, long unusable) {}

  static Extracted extract(RunEvent run, String kind, String idVariable, String valueVariable) {
    CapturedValue ids = find(run, idVariable);
    CapturedValue values = find(run, valueVariable);
    List<String> idTexts = keys(ids);
    List<String> valueTexts = texts(values);
    long cut =
        ids != null && ids.summary() != null
            ? Math.max(0, ids.summary().count() - ids.summary().sampled())
            : 0;
    if (run.failed()
        || idTexts == null
        || valueTexts == null
        || idTexts.size() != valueTexts.size()) {
      long size = Math.max(1, Math.max(sizeOf(ids), sizeOf(values)));
      return new Extracted(List.of(), 0, size);
    }
    List<Pair> pairs = new ArrayList<>(idTexts.size());
    long unusable = 0;
    for (int i = 0; i < idTexts.size(); i++) {
      String id = idTexts.get(i);
      Double v = Values.parse(kind, valueTexts.get(i));
      if (id == null || id.isBlank() || v == null) {
        unusable++;
      } else {
        pairs.add(new Pair(id.trim(), v));
      }
    }
    return new Extracted(pairs, cut, unusable);
  }

  private static CapturedValue find(RunEvent run, String name) {
    for (CapturedValue v : run.outputs()) {
      if (v.name().equals(name)) {
        return v;
      }
    }
    for (CapturedValue v : run.inputs()) {
      if (v.name().equals(name)) {
        return v;
      }
    }
    return null;
  }

  /** A map's keys, else the value's elements as texts (the identifiers of a run). */
  private static List<String> keys(CapturedValue v) {
    return v != null && v.summary() != null && v.summary().keys() != null
        ? v.summary().keys()
        : texts(v);
  }

  /** The value's elements as texts (a one-element list for a scalar), or null when it has none. */
  private static List<String> texts(CapturedValue v) {
    if (v == null) {
      return null;
    }
    if (v.summary() != null && v.summary().texts() != null) {
      return v.summary().texts();
    }
    ValueKind k = v.kind();
    if (k == ValueKind.LONG
        || k == ValueKind.DOUBLE
        || k == ValueKind.STRING
        || k == ValueKind.BOOLEAN) {
      List<String> one = new ArrayList<>(1);
      one.add(v.text());
      return one;
    }
    return null;
  }

  private static long sizeOf(CapturedValue v) {
    return v == null ? 0 : v.summary() != null ? v.summary().count() : 1;
  }
}
