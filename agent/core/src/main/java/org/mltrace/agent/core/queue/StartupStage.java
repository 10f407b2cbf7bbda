package org.mltrace.agent.core.queue;

import java.util.ArrayDeque;
import org.mltrace.agent.core.capture.ComponentSampler;

/**
 * Encoded events kept while the Chronicle queue is still opening, bounded in bytes.
 *
 * <p>Opening the queue loads some 500 of Chronicle's classes and takes 0.3 to 1.3 s on the
 * project's machine; a service called 50,000 times a second from its first second makes 15,000
 * to 65,000 runs meanwhile. Held as objects (about 700 bytes each) they would overflow the
 * event buffer and open the circuit breaker; encoded they take 120 to 600 bytes each and are
 * compact and short-lived. So the writer thread encodes what it drains into this stage until
 * the queue is open, then appends the stage in order before anything newer. Once the stage holds
 * {@link #capacityBytes}, the writer stops draining: the event buffer fills and the breaker and
 * the drop counters take over, as they do when the writer falls behind for any other reason.
 *
 * <p>A staged run has already carried its component's unrecorded calls (its event says how many
 * it carries); if it is dropped at append time instead, {@link Staged#uncarry} gives them back so
 * that the next event carries them and the counts stay exact. Writer thread only.
 */
final class StartupStage {
  /** An encoded event; {@code sampler} and {@code carried} only for runs. */
  record Staged(byte[] bytes, ComponentSampler sampler, long carried) {
    boolean isRun() {
      return sampler != null;
    }

    /** The run will not be appended: its unrecorded calls are pending again. */
    void uncarry() {
      sampler.markCarried(-carried);
    }
  }

  private final long capacityBytes;
  private final ArrayDeque<Staged> staged = new ArrayDeque<>();
  private long bytes;

  StartupStage(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  boolean full() {
    return bytes >= capacityBytes;
  }

  boolean isEmpty() {
    return staged.isEmpty();
  }

  long bytes() {
    return bytes;
  }

  int size() {
    return staged.size();
  }

  void add(Staged s) {
    staged.addLast(s);
    bytes += s.bytes().length;
  }

  /** The oldest staged event, removed; null when empty. */
  Staged poll() {
    Staged s = staged.pollFirst();
    if (s != null) {
      bytes -= s.bytes().length;
    }
    return s;
  }
}
