package org.mltrace.collector.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.mltrace.collector.Progress;

/**
 * A one-line progress bar redrawn in place with carriage returns: done and total, percent, rate and
 * time left, or with an unknown total the count and rate. Redrawn at most ten times a second, so a
 * fast loop pays for a clock read, not for output.
 */
final class ProgressBar implements Progress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final LongSupplier nanoTime;
  private String task = "";
  private String unit = "";
  private long total = -1;
  private long done;
  private long startedAt;
  private long drawnAt;
  private int drawnLength;

  ProgressBar(PrintWriter err, LongSupplier nanoTime) {
    this.err = err;
    this.nanoTime = nanoTime;
  }

  @Override
  public void start(String task, String unit, long total) {
    this.task = task;
    this.unit = unit;
    this.total = total;
    this.done = 0;
    this.startedAt = nanoTime.getAsLong();
    draw(startedAt);
  }

  @Override
  public void advance(long units) {
    done += units;
    long now = nanoTime.getAsLong();
    if (now - drawnAt >= REDRAW_NANOS) {
      draw(now);
    }
  }

  @Override
  public void finish() {
    draw(nanoTime.getAsLong());
    err.print('\n');
    err.flush();
  }

  private void draw(long now) {
    drawnAt = now;
    String line = line((now - startedAt) / 1e9);
    // Pad over the end of a longer previous line.
    String padded = line + " ".repeat(Math.max(0, drawnLength - line.length()));
    drawnLength = line.length();
    err.print('\r');
    err.print(padded);
    err.flush();
  }

  /** The bar's text after {@code seconds}; package-private for tests. */
  String line(double seconds) {
    double rate = seconds > 0 ? done / seconds : 0;
    String rateText = String.format(Locale.ROOT, "%,.0f %s/s", rate, unit);
    if (total < 0) {
      return String.format(Locale.ROOT, "%s  %,d %s  %s", task, done, unit, rateText);
    }
    double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    String left =
        done >= total
            ? String.format(Locale.ROOT, "%s elapsed", clock(seconds))
            : rate > 0 ? clock((total - done) / rate) + " left" : "--:-- left";
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3d%% %,d/%,d %s  %s  %s",
        task,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        (int) Math.floor(fraction * 100), // 99.7% is not done yet
        done,
        total,
        unit,
        rateText,
        left);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
