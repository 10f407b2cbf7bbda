package org.mltrace.collector.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a flag that {@code collect} checks between batches, instead of the
 * JVM's default of running shutdown hooks and exiting with 143: the batch in hand is committed and
 * the command exits 0 with its summary.
 */
final class StopSignal implements BooleanSupplier {
  private static final Logger log = LoggerFactory.getLogger(StopSignal.class);
  private final AtomicBoolean stopped = new AtomicBoolean();

  /** Installs the handlers; where the JVM refuses a signal (-Xrs), its default behaviour stays. */
  static StopSignal install() {
    StopSignal signal = new StopSignal();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> signal.stopped.set(true));
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        log.warn(
            "cannot handle SIG{}: it will stop collect without a summary (the batch in hand is rolled back and stored next time)",
            name);
      }
    }
    return signal;
  }

  @Override
  public boolean getAsBoolean() {
    return stopped.get();
  }
}
