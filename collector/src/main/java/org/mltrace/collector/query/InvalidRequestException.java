package org.mltrace.collector.query;

import org.mltrace.collector.MltraceException;

/** A request the service cannot answer as asked, such as a non-positive limit. */
public final class InvalidRequestException extends MltraceException {
  InvalidRequestException(String message) {
    super(Category.USAGE, message, null);
  }
}
