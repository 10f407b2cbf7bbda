package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server processes that serve a PostgreSQL database, for measuring what they spend ({@code
 * mltrace bench}): a connection of its own, which lists the other backends of its database.
 */
public final class DatabaseBackends implements AutoCloseable {
  private final Connection connection;

  private DatabaseBackends(Connection connection) {
    this.connection = connection;
  }

  /** The backends of the database of {@code jdbcUrl}; empty for H2 or an unreachable server. */
  public static Optional<DatabaseBackends> of(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DatabaseBackends(DriverManager.getConnection(jdbcUrl)));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /** The process ids of the database's backends but this one's; empty if they cannot be read. */
  public List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT pid FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
      while (rs.next()) {
        pids.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      return List.of();
    }
    return pids;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // only a measuring connection
    }
  }
}
