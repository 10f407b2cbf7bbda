package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/** The collector's PostgreSQL sessions run without JIT compilation (see Database#withoutJit). */
class PostgresSessionTest {
  @Test
  void jitIsOffInTheSessionAndAfterAReconnect() throws SQLException {
    PostgresSchema schema = new PostgresSchema();
    try (Database db = Database.open(schema.create(), Database.Access.CREATE)) {
      assertEquals("off", jit(db));
      db.connection().close(); // a broken connection is reopened: the new session too
      assertEquals("off", jit(db));
    } finally {
      schema.drop();
    }
  }

  private static String jit(Database db) throws SQLException {
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("SHOW jit")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
