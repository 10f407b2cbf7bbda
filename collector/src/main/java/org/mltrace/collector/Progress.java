package org.mltrace.collector;

/**
 * Where long work reports how far it got: {@code collect --once} the queue entries stored, {@code
 * generate} the runs stored, {@code compact} its steps, {@code impact} the runs reached. The CLI
 * draws a progress bar from it on a terminal; everywhere else it is {@link #NONE}.
 *
 * <p>Calls come from the thread doing the work; an implementation must be cheap (it is called per
 * batch, not per row) and must not throw.
 */
public interface Progress {
  /** Reports nothing. */
  Progress NONE =
      new Progress() {
        @Override
        public void start(String task, String unit, long total) {}

        @Override
        public void advance(long done) {}

        @Override
        public void finish() {}
      };

  /**
   * A task begins.
   *
   * @param unit what is counted, plural ("entries", "runs", "steps")
   * @param total how many there will be, or -1 when unknown (a walk of a graph)
   */
  void start(String task, String unit, long total);

  /** {@code done} more units are finished. */
  void advance(long done);

  /** The task is over (successfully or not). */
  void finish();
}
