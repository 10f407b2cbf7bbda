package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Checks and resets of an H2 database whose schema creation was interrupted; see {@link Database}.
 */
final class H2Schema {
  /** The tables that hold what the collector stored; empty everywhere means nothing to lose. */
  private static final List<String> DATA_TABLES =
      List.of("COMPONENTS", "COMPONENT_RUNS", "INGEST_POSITIONS", "DEAD_LETTERS", "AGENT_STATS");

  private H2Schema() {}

  static boolean holdsNoData(Connection c) {
    try {
      for (String table : DATA_TABLES) {
        if (exists(c, table) && hasRows(c, table)) {
          return false;
        }
      }
      return true;
    } catch (SQLException e) {
      return false; // when in doubt, keep it
    }
  }

  static void dropEverything(Connection c) {
    try (Statement st = c.createStatement()) {
      st.execute("DROP ALL OBJECTS");
    } catch (SQLException e) {
      throw StoreException.of("resetting the interrupted schema", e);
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static boolean hasRows(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
      return rs.next();
    }
  }
}
