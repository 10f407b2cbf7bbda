package org.mltrace.collector.query;

import static org.mltrace.collector.testing.RunBuilder.run;

import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.ValueKind;

/**
 * A small hand-built history for impact, review and slice, with answers worked out by hand:
 *
 * <pre>
 * /raw.csv ─► clean-1 [0,1] ─► /d/clean.csv ─► train-1 [2,3] ─► /m/model.bin ─► predict-1 [4,5]  score 0.2  ─► /out/p1.csv
 *                                          │                                └► predict-2 [6,7]  score 0.9  ─► /out/p2.csv
 *                                          └► train-2 [8,9] ─► /m/model.bin ─► predict-3 [10,11] score 0.85 ─► /out/p3.csv
 *                                                                           └► predict-4 [12,13] score 0.1 ─► /out/p4.csv
 * predict-N also reads /in/qN.csv. loop-1 [14,15] and loop-2 [16,17] (failed) read and write
 * /d/loop.csv: loop-2 depends on loop-1.
 * </pre>
 *
 * predict is declared with owner ml-team and tag serving.
 */
final class ReviewHistory {
  private ReviewHistory() {}

  static List<Event> events() {
    return List.of(
        new ComponentEvent(
            "predict", "scores", "ml-team", List.of("serving"), List.of("P#predict()")),
        run("clean-1", "clean")
            .at(0, 1)
            .reads("raw", "/raw.csv")
            .writes("return", "/d/clean.csv")
            .build(),
        run("train-1", "train")
            .at(2, 3)
            .reads("in", "/d/clean.csv")
            .writes("return", "/m/model.bin", "model")
            .build(),
        predict(1, 4, 0.2),
        predict(2, 6, 0.9),
        run("train-2", "train")
            .at(8, 9)
            .reads("in", "/d/clean.csv")
            .writes("return", "/m/model.bin", "model")
            .build(),
        predict(3, 10, 0.85),
        predict(4, 12, 0.1),
        run("loop-1", "loop")
            .at(14, 15)
            .reads("in", "/d/loop.csv")
            .writes("out", "/d/loop.csv")
            .build(),
        run("loop-2", "loop")
            .at(16, 17)
            .reads("in", "/d/loop.csv")
            .writes("out", "/d/loop.csv")
            .failedWith("java.io.IOException", "disk full")
            .build());
  }

  private static Event predict(int n, double start, double score) {
    return run("predict-" + n, "predict")
        .at(start, start + 1)
        .reads("model", "/m/model.bin")
        .reads("queries", "/in/q" + n + ".csv")
        .writes("return", "/out/p" + n + ".csv")
        .output(
            new CapturedValue(
                "score",
                ValueKind.DOUBLE,
                Double.toString(score),
                "metric",
                "java.lang.Double",
                -1))
        .build();
  }
}
