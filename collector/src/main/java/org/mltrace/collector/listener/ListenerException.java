package org.mltrace.collector.listener;

import org.mltrace.collector.MltraceException;

/** A listener setting that is wrong (exit code 1), or an address it cannot bind (exit code 3). */
public final class ListenerException extends MltraceException {
  private ListenerException(Category category, String message, Throwable cause) {
    super(category, message, cause);
  }

  static ListenerException usage(String message) {
    return new ListenerException(Category.USAGE, message, null);
  }

  static ListenerException cannotBind(String message, Throwable cause) {
    return new ListenerException(Category.IO, message, cause);
  }
}
