package org.mltrace.collector.ui;

import org.mltrace.collector.MltraceException;

/** A UI setting or API argument that is wrong: exit code 1 for {@code mltrace ui}, HTTP 400. */
public final class BadRequestException extends MltraceException {
  BadRequestException(String message) {
    super(Category.USAGE, message, null);
  }
}
