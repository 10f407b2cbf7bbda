package org.mltrace.collector.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema on the PostgreSQL at 127.0.0.1:5432 (user postgres, database test), dropped by
 * {@link #drop}. When the server cannot be reached, {@link #create} skips the test with a visible
 * message, unless {@code MLTRACE_REQUIRE_POSTGRES=true} (CI), which fails it instead.
 */
public final class PostgresSchema {
  private static final String SERVER =
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";

  private final String name =
      "mltrace_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private boolean created;

  /** The JDBC URL of the schema; creates it first, or skips/fails as described above. */
  public String create() {
    try (Connection c = DriverManager.getConnection(SERVER);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + name);
      created = true;
    } catch (SQLException e) {
      String why =
          "PostgreSQL at 127.0.0.1:5432 is not reachable ("
              + e.getMessage()
              + "): skipping PostgreSQL tests";
      if ("true".equals(System.getenv("MLTRACE_REQUIRE_POSTGRES"))) {
        fail(why.replace("skipping", "required by MLTRACE_REQUIRE_POSTGRES"));
      }
      System.err.println(why);
      Assumptions.abort(why);
    }
    return SERVER + "&currentSchema=" + name;
  }

  public void drop() throws SQLException {
    if (!created) {
      return;
    }
    try (Connection c = DriverManager.getConnection(SERVER);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA " + name + " CASCADE");
    }
  }
}
