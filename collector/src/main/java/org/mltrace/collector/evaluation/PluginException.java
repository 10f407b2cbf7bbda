package org.mltrace.collector.evaluation;

import org.mltrace.collector.MltraceException;

/** The {@code --plugins} path is missing or a jar in it does not load. */
public final class PluginException extends MltraceException {
  PluginException(String message, Throwable cause) {
    super(Category.USAGE, message, cause);
  }
}
