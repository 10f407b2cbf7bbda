package org.mltrace.collector.ui;

import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TriggerRows;

/**
 * A small history for the API tests, with hostile text where the pages must escape it:
 *
 * <pre>
 * load-1 ─► /d/clean.csv ─► clean-1 (component "&lt;script&gt;...") ─► /d/feat.csv ─► train-1, train-2 ─► /m/model.bin ─► predict-1 ─► /out/pred.csv
 * </pre>
 *
 * train-1 (loss 0.25) passes its metric_threshold trigger (threshold 0.4), train-2 (loss 0.5) fails
 * it; predict-1 (at 8 s) read the model train-2 (ended 7 s) wrote. train-2's {@code weights} carry
 * the sample {@link #WEIGHTS_SAMPLE} (as for a trigger that needs it), train-1's only a summary.
 */
final class UiFixture {
  static final String EVIL_COMPONENT = "<script>alert('component')</script>";
  static final String EVIL_TEXT = "<script>alert('value')</script>";

  /**
   * Ten finite values and a NaN. Sturges: ceil(log2 10) + 1 = 5 bins of width 0.6 from 1 to 4, [1,
   * 1.6) [1.6, 2.2) [2.2, 2.8) [2.8, 3.4) [3.4, 4], holding 1, 2, 0, 3 and 4 values.
   */
  static final double[] WEIGHTS_SAMPLE = {1, 2, 2, 3, 3, 3, 4, 4, 4, 4, Double.NaN};

  private UiFixture() {}

  static void load(String url, Path dir) throws SQLException {
    TestDatabases.ingest(
        url,
        dir,
        List.of(
            run("load-1", "load")
                .at(0, 1)
                .reads("raw", "/raw.csv")
                .writes("return", "/d/clean.csv")
                .build(),
            run("clean-1", EVIL_COMPONENT)
                .at(2, 3)
                .reads("in", "/d/clean.csv")
                .writes("return", "/d/feat.csv")
                .output(RunBuilder.string("comment", EVIL_TEXT))
                .build(),
            run("train-1", "train")
                .at(4, 5)
                .reads("features", "/d/feat.csv")
                .writes("return", "/m/model.bin", "model")
                .output(loss(0.25))
                .output(weights("train-1", null))
                .build(),
            run("train-2", "train")
                .at(6, 7)
                .reads("features", "/d/feat.csv")
                .writes("return", "/m/model.bin", "model")
                .output(loss(0.5))
                .output(weights("train-2", WEIGHTS_SAMPLE))
                .build(),
            run("predict-1", "predict")
                .at(8, 9)
                .reads("model", "/m/model.bin")
                .writes("return", "/out/pred.csv")
                .build()));
    try (TriggerRows rows = TriggerRows.open(url)) {
      Instant t = Instant.parse("2026-01-01T00:01:00Z");
      rows.result(
          "train-1",
          "train",
          "after_run",
          0,
          "metric_threshold",
          "pass",
          0.25,
          0.4,
          "loss 0.25 <= 0.4",
          true,
          t);
      rows.result(
          "train-2",
          "train",
          "after_run",
          0,
          "metric_threshold",
          "fail",
          0.5,
          0.4,
          "loss 0.5 > 0.4",
          true,
          t);
    }
  }

  private static CapturedValue weights(String run, double[] sample) {
    ValueSummary summary =
        new ValueSummary("number", "all", 11, 11, 0, 1, 1, 4, 3, 1, 4).withExtras(sample, null);
    return new CapturedValue(
        "weights",
        ValueKind.POINTER,
        "mem://" + run + "/double[]@1",
        "data",
        "double[]",
        11,
        summary,
        null);
  }

  private static CapturedValue loss(double v) {
    return new CapturedValue(
        "loss", ValueKind.DOUBLE, Double.toString(v), null, "java.lang.Double", -1);
  }
}
