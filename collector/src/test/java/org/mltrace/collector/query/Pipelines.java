package org.mltrace.collector.query;

import static org.mltrace.collector.testing.RunBuilder.run;

import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.testing.RunBuilder;

/**
 * A small taxi-like pipeline with a shared input and a rerun:
 *
 * <pre>
 * load ─► /d/clean.csv ─► split ─► /d/train.csv ─► featurize ─► /d/ftrain ─► train-1 ─► /m/model.bin ─┐
 *                              └─► /d/test.csv ──────────────────────────────────────────────────────┴─► predict ─► /out/pred.csv
 * train-0 wrote /m/model.bin before train-1; train-2 rewrote it after predict ran.
 * </pre>
 */
final class Pipelines {
  private Pipelines() {}

  static List<Event> taxi() {
    return List.of(
        new ComponentEvent(
            "train",
            "fits the fare model",
            "ml-team",
            List.of("model", "nightly"),
            List.of("com.acme.Trainer#fit(java.nio.file.Path, int)")),
        run("load-1", "load")
            .at(0, 1)
            .reads("raw", "/raw.csv")
            .writes("return", "/d/clean.csv")
            .build(),
        run("train-0", "train")
            .at(1, 1.5)
            .reads("features", "/d/old")
            .writes("return", "/m/model.bin", "model")
            .build(),
        run("split-1", "split")
            .at(2, 3)
            .reads("clean", "/d/clean.csv")
            .writes("train", "/d/train.csv")
            .writes("test", "/d/test.csv")
            .build(),
        run("featurize-1", "featurize")
            .at(4, 5)
            .reads("in", "/d/train.csv")
            .writes("return", "/d/ftrain")
            .build(),
        run("train-1", "train")
            .at(6, 8)
            .reads("features", "/d/ftrain")
            .input(RunBuilder.longValue("epochs", 10))
            .writes("return", "/m/model.bin", "model")
            .output(
                new CapturedValue("loss", ValueKind.DOUBLE, "0.25", null, "java.lang.Double", -1))
            .build(),
        run("predict-1", "predict")
            .at(11, 12)
            .reads("model", "/m/model.bin")
            .reads("test", "/d/test.csv")
            .writes("return", "/out/pred.csv")
            .build(),
        run("train-2", "train")
            .at(20, 21)
            .reads("features", "/d/ftrain")
            .writes("return", "/m/model.bin", "model")
            .failedWith("java.lang.IllegalStateException", "diverged")
            .build());
  }

  /** "id(child,child)" for a whole tree. */
  static String shape(TraceNode n) {
    if (n.upstream().isEmpty()) {
      return n.run().row().id();
    }
    return n.run().row().id()
        + "("
        + String.join(",", n.upstream().stream().map(Pipelines::shape).toList())
        + ")";
  }
}
