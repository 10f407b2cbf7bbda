package org.mltrace.collector.query;

import org.mltrace.collector.MltraceException;

/** The run, output or component asked for is not recorded. The message names it and a way on. */
public final class NotFoundException extends MltraceException {
  NotFoundException(String message) {
    super(Category.NOT_FOUND, message, null);
  }
}
