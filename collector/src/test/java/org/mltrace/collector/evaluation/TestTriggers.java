package org.mltrace.collector.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.Trigger;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/** Small triggers whose results the engine tests can predict. */
final class TestTriggers {
  private TestTriggers() {}

  /** Passes when the variable's number is at most {@code max}; value = the number. */
  static final class AtMost implements Trigger {
    @Override
    public String name() {
      return "at_most";
    }

    @Override
    public List<String> validate(TriggerArgs args) {
      return args.has("max") ? List.of() : List.of("missing argument 'max'");
    }

    @Override
    public TriggerResult evaluate(TriggerContext c) {
      double max = c.args().number("max");
      var v = c.run().variable(c.phase(), c.args().string("variable")).orElseThrow();
      double n = v.number().orElseThrow();
      return TriggerResult.of(n <= max, n, max, n + " vs at most " + max);
    }
  }

  /** Throws, always. */
  static final class Boom implements Trigger {
    @Override
    public String name() {
      return "boom";
    }

    @Override
    public TriggerResult evaluate(TriggerContext c) {
      throw new IllegalStateException("kaput");
    }
  }

  /** Sleeps 30 s (interruptibly): only the time limit ends it. */
  static final class Slow implements Trigger {
    @Override
    public String name() {
      return "slow";
    }

    @Override
    public TriggerResult evaluate(TriggerContext c) throws InterruptedException {
      Thread.sleep(30_000);
      return TriggerResult.pass(null, null, "woke up");
    }
  }

  /** Ignores interrupts until {@link #release} is counted down: holds its thread past the limit. */
  static final class Stuck implements Trigger {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger finished = new AtomicInteger();

    @Override
    public String name() {
      return "stuck";
    }

    @Override
    public TriggerResult evaluate(TriggerContext c) {
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          // deliberately ignored: a badly written trigger
        }
      }
      finished.incrementAndGet();
      return TriggerResult.pass(null, null, "released");
    }
  }

  /** Passes; value = how many runs of history it got, message = their ids, newest first. */
  static final class HistorySize implements Trigger {
    @Override
    public String name() {
      return "history_size";
    }

    @Override
    public TriggerResult evaluate(TriggerContext c) {
      return TriggerResult.pass(
          (double) c.history().size(),
          null,
          c.history().stream().map(RunSnapshot::id).collect(Collectors.joining(",")));
    }
  }

  /** Fails; alerts by default. */
  static final class AlwaysFailsAlerting implements Trigger {
    @Override
    public String name() {
      return "sla";
    }

    @Override
    public boolean alertsByDefault() {
      return true;
    }

    @Override
    public TriggerResult evaluate(TriggerContext c) {
      return TriggerResult.fail(0.5, 0.9, "0.5 < 0.9");
    }
  }

  /**
   * Reads the variable's sample, hashes and summary, and the previous run's sample: value = the
   * sample's sum, threshold = the number of hashes, message = the summary's mean and count and the
   * previous run's sample sum.
   */
  static final class SampleProbe implements Trigger {
    @Override
    public String name() {
      return "probe";
    }

    @Override
    public TriggerResult evaluate(TriggerContext c) {
      String variable = c.args().string("variable");
      CapturedData d = c.run().variable(c.phase(), variable).orElseThrow();
      String previous =
          c.history().isEmpty()
              ? "none"
              : String.valueOf(
                  Arrays.stream(
                          c.history().get(0).variable(c.phase(), variable).orElseThrow().sample())
                      .sum());
      return TriggerResult.pass(
          Arrays.stream(d.sample()).sum(),
          (double) d.hashes().length,
          "mean=" + d.summary().mean() + " count=" + d.summary().count() + " previous=" + previous);
    }
  }
}
