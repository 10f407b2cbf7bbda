package org.mltrace.collector.purge;

import org.mltrace.collector.MltraceException;

/** A purge that must not run: the label is unknown (exit 2) or not retracted (exit 1). */
public final class PurgeRefusedException extends MltraceException {
  PurgeRefusedException(Category category, String message) {
    super(category, message, null);
  }
}
