package org.mltrace.collector.store;

import org.mltrace.collector.MltraceException;

/**
 * An ad-hoc SQL statement was refused: it is not a single read-only query, or the database found it
 * invalid (syntax, unknown table or column). Nothing was changed.
 */
public final class QueryRefusedException extends MltraceException {
  public QueryRefusedException(String message, Throwable cause) {
    super(Category.USAGE, StoreException.oneLine(message), cause);
  }
}
