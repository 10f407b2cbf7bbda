package org.mltrace.collector.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.mltrace.collector.MltraceException;

/**
 * The database could not be opened, migrated, read or written. The message is one line and names
 * the database URL (password masked) or the statement's purpose.
 */
public final class StoreException extends MltraceException {

  public StoreException(String message, Throwable cause) {
    super(Category.IO, oneLine(message), cause);
  }

  /**
   * True when the connection itself failed (server down, network), as opposed to a statement the
   * database refused: the first is worth retrying later, the second is not.
   */
  public boolean isConnectionFailure() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the database rolled the transaction back because of a concurrent one (deadlock,
   * serialization failure: SQLSTATE class 40): the same work is worth retrying at once.
   */
  public boolean isTransactionConflict() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }

  static StoreException of(String doing, SQLException e) {
    return new StoreException("database error while " + doing + ": " + e.getMessage(), e);
  }

  static String oneLine(String message) {
    if (message == null) {
      return "unknown database error";
    }
    String first = message.strip().lines().findFirst().orElse("");
    return first.length() > 500 ? first.substring(0, 500) + "…" : first;
  }
}
