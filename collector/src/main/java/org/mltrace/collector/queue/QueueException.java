package org.mltrace.collector.queue;

import org.mltrace.collector.MltraceException;

/** The queue directory is missing or Chronicle could not open or read it. */
public final class QueueException extends MltraceException {
  public QueueException(String message, Throwable cause) {
    super(Category.IO, message, cause);
  }
}
