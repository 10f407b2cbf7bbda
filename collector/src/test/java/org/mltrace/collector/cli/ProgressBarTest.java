package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bar's text: progress, rate and time left, or count and rate when the total is unknown. */
class ProgressBarTest {
  private final AtomicLong nanos = new AtomicLong();
  private final StringWriter err = new StringWriter();
  private final ProgressBar bar = new ProgressBar(new PrintWriter(err), nanos::get);

  @Test
  void showsPercentRateAndTimeLeft() {
    bar.start("collect", "entries", 10_000);
    nanos.set(2_000_000_000L);
    bar.advance(2_500);
    String last = err.toString().substring(err.toString().lastIndexOf('\r') + 1);
    assertEquals(
        "collect [########----------------------]  25% 2,500/10,000 entries  1,250 entries/s  0:06"
            + " left",
        last);
  }

  @Test
  void unknownTotalShowsCountAndRate() {
    bar.start("impact", "runs reached", -1);
    nanos.set(1_000_000_000L);
    bar.advance(3_000);
    bar.finish();
    assertTrue(
        err.toString().endsWith("\rimpact  3,000 runs reached  3,000 runs reached/s\n"),
        err.toString());
  }

  @Test
  void redrawsAtMostTenTimesASecondAndEndsWithTheElapsedTime() {
    bar.start("compact", "steps", 11);
    for (int i = 0; i < 11; i++) {
      nanos.addAndGet(1_000_000L); // 11 ms in all: one redraw (the start), then the finish
      bar.advance(1);
    }
    bar.finish();
    String out = err.toString();
    assertEquals(2, out.chars().filter(c -> c == '\r').count(), out);
    assertTrue(
        out.endsWith(
            "compact [##############################] 100% 11/11 steps  1,000 steps/s  0:00 elapsed\n"),
        out);
  }
}
