package org.mltrace.collector.alert;

import java.sql.SQLException;
import java.util.List;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.StoreException;

/** Reads the {@code alerts} table for {@code mltrace alerts}. */
public final class AlertQuery {
  private final Database database;

  public AlertQuery(Database database) {
    this.database = database;
  }

  /**
   * Open alerts, or every alert with {@code all}, the most recently opened first.
   *
   * @throws StoreException if the database fails
   */
  public List<Alert> list(boolean all) {
    try {
      return new AlertStore(database.connection()).list(all);
    } catch (SQLException e) {
      throw new StoreException("database error while listing alerts: " + e.getMessage(), e);
    }
  }
}
