package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh schemas on the PostgreSQL server at 127.0.0.1:5432 (user postgres, database test). When the
 * server cannot be reached the calling test is skipped with a message, unless {@code
 * MLTRACE_REQUIRE_POSTGRES=true} (CI), which fails it instead.
 */
final class PostgresSchemas {
  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  private static final String SERVER =
      "jdbc:postgresql://" + HOST + ":" + PORT + "/test?user=postgres&connectTimeout=3";

  private PostgresSchemas() {}

  /** Creates an empty schema and returns its name. */
  static String create() {
    String schema = "mltrace_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(SERVER);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
      return schema;
    } catch (SQLException e) {
      String why =
          "PostgreSQL at " + HOST + ":" + PORT + " is not reachable (" + e.getMessage() + ")";
      if ("true".equals(System.getenv("MLTRACE_REQUIRE_POSTGRES"))) {
        fail(why + ", but MLTRACE_REQUIRE_POSTGRES=true");
      }
      System.err.println(why + ": skipping this PostgreSQL test");
      Assumptions.abort(why);
      throw new AssertionError("unreachable");
    }
  }

  /** The collector's URL for {@code schema}, through {@code host:port} (a proxy, or the server). */
  static String url(String schema, String host, int port) {
    return "jdbc:postgresql://" + host + ":" + port + "/test?user=postgres&currentSchema=" + schema;
  }

  static String url(String schema) {
    return url(schema, HOST, PORT);
  }

  static void drop(String schema) throws SQLException {
    if (schema == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(SERVER);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
