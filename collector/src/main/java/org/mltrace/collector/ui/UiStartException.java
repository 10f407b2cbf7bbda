package org.mltrace.collector.ui;

import org.mltrace.collector.MltraceException;

/** The UI could not listen where asked (port taken, address not on this host): exit code 3. */
public final class UiStartException extends MltraceException {
  UiStartException(String message, Throwable cause) {
    super(Category.IO, message, cause);
  }
}
