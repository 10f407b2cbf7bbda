package org.mltrace.collector.trigger.builtin;

import java.util.Arrays;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.Phase;
import org.mltrace.collector.trigger.RunSnapshot;

/**
 * Finds a declaration's variable in a run and takes from it what a trigger needs (summary, sample,
 * hashes, number, count), or says precisely what is missing.
 */
final class Variables {
  private Variables() {}

  /**
   * The variable a declaration of {@code phase} means: an input for {@code before_run}; an output,
   * else an input, for {@code after_run}. A value the agent recorded as {@code ABSENT} (a local out
   * of scope at that exit) counts as missing.
   */
  static CapturedData find(String trigger, RunSnapshot run, Phase phase, String name)
      throws MissingDataException {
    CapturedData data = run.variable(phase, name).orElse(null);
    if (data == null) {
      String where = phase == Phase.BEFORE_RUN ? "inputs" : "outputs or inputs";
      throw new MissingDataException(
          trigger
              + ": run "
              + run.id()
              + " of "
              + run.component()
              + " has no variable '"
              + name
              + "' among its "
              + where
              + "; is it declared in the component's "
              + (phase == Phase.BEFORE_RUN ? "inputs" : "outputs")
              + "?");
    }
    if ("ABSENT".equals(data.kind())) {
      throw new MissingDataException(
          trigger
              + ": '"
              + name
              + "' was not available in run "
              + run.id()
              + " (recorded as absent: out of scope or unassigned at that point)");
    }
    return data;
  }

  /** The agent's summary; missing for values that are not arrays, collections or maps. */
  static CapturedData.Summary summary(String trigger, CapturedData data)
      throws MissingDataException {
    if (data.summary() == null) {
      throw new MissingDataException(
          trigger
              + " needs a summary of '"
              + data.name()
              + "', which the agent records for"
              + " arrays, collections and maps; it holds a "
              + describe(data));
    }
    return data.summary();
  }

  /** The sample without NaNs (they carry no position in a distribution; not_null counts them). */
  static double[] sample(String trigger, CapturedData data) throws MissingDataException {
    if (data.sample() == null) {
      throw new MissingDataException(
          trigger
              + " needs the agent to capture a sample of '"
              + data.name()
              + "'; is the"
              + " variable declared as an input/output, and is the agent recent enough to"
              + " capture samples for triggers?");
    }
    double[] values = Arrays.stream(data.sample()).filter(v -> !Double.isNaN(v)).toArray();
    if (values.length == 0) {
      throw new MissingDataException(
          trigger
              + ": the sample of '"
              + data.name()
              + "' holds no numbers ("
              + data.sample().length
              + " sampled, all NaN or empty)");
    }
    return values;
  }

  static long[] hashes(String trigger, CapturedData data) throws MissingDataException {
    if (data.hashes() == null) {
      throw new MissingDataException(
          trigger
              + " needs the agent to capture element hashes of '"
              + data.name()
              + "'; is the"
              + " variable declared as an input/output, and is the agent recent enough to"
              + " capture hashes for triggers?");
    }
    return data.hashes();
  }

  /** A LONG or DOUBLE value as a number. */
  static double number(String trigger, CapturedData data) throws MissingDataException {
    return data.number()
        .orElseThrow(
            () ->
                new MissingDataException(
                    trigger
                        + " needs '"
                        + data.name()
                        + "' to be a number; it holds a "
                        + describe(data)));
  }

  /**
   * How many elements (rows) the value holds: the summary's exact count. Missing for scalars, files
   * (whose size is in bytes) and Spark Datasets (counting them would run a job).
   */
  static long count(String trigger, CapturedData data) throws MissingDataException {
    if (data.summary() != null) {
      return data.summary().count();
    }
    throw new MissingDataException(
        trigger
            + " needs the element count of '"
            + data.name()
            + "', which the agent records"
            + " for arrays, collections and maps; it holds a "
            + describe(data));
  }

  /** {@code DOUBLE}, {@code POINTER with a summary}: what the value is, for messages. */
  static String describe(CapturedData data) {
    String kind = data.kind() == null ? "value of unknown kind" : data.kind();
    return data.summary() != null ? kind + " with a summary" : kind;
  }
}
