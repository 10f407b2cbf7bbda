package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ad-hoc query for {@code mltrace sql} so that it cannot change data, in three layers:
 * {@link SqlGuard} refuses anything that is not a single query; the connection is put in read-only
 * mode (a read-only transaction on PostgreSQL, a hint on H2); and the transaction is always rolled
 * back, which also undoes H2's data-change delta tables ({@code SELECT * FROM FINAL TABLE (INSERT
 * ...)}).
 */
public final class ReadOnlySql {
  private static final Logger log = LoggerFactory.getLogger(ReadOnlySql.class);

  /**
   * A query's result, values already in display form: null, String, Number or Boolean.
   *
   * @param columns the column labels
   */
  public record Rows(List<String> columns, List<List<Object>> rows) {}

  private final Database database;

  public ReadOnlySql(Database database) {
    this.database = database;
  }

  /**
   * Runs the query and returns all its rows.
   *
   * @throws QueryRefusedException if the statement is not a single read-only query, or the database
   *     rejects it as invalid or as a write
   * @throws StoreException if the database fails otherwise
   */
  public Rows query(String sql) {
    String statement = SqlGuard.check(sql);
    Connection c = database.connection();
    try {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(statement)) {
        return read(rs);
      } finally {
        restore(c);
      }
    } catch (SQLException e) {
      if (isUserError(e)) {
        throw new QueryRefusedException("SQL error: " + e.getMessage(), e);
      }
      throw StoreException.of("running the query", e);
    }
  }

  private static Rows read(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<String> columns = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      columns.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Object[] row = new Object[n];
      for (int i = 1; i <= n; i++) {
        row[i - 1] = Jdbc.displayValue(rs, i);
      }
      rows.add(Arrays.asList(row));
    }
    return new Rows(columns, rows);
  }

  private static void restore(Connection c) {
    try {
      c.rollback();
      c.setReadOnly(false);
      c.setAutoCommit(true);
    } catch (SQLException e) {
      log.warn("could not end the read-only transaction: {}", e.getMessage());
    }
  }

  /**
   * Syntax errors, unknown tables or columns (SQL state class 42), data exceptions (22) and writes
   * refused in a read-only transaction (25) are the user's to fix.
   */
  private static boolean isUserError(SQLException e) {
    String state = e.getSQLState();
    if (state == null) {
      return false;
    }
    return state.startsWith("42")
        || state.startsWith("22")
        || state.startsWith("25")
        || state.equals("90002") /* H2: method is only allowed for a query */;
  }
}
