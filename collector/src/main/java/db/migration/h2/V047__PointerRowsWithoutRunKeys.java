package db.migration.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * mltrace collector schema, version 47 (H2): {@code run_reads} and {@code run_writes} lose their
 * (run_id, position) primary keys, as on PostgreSQL (db/migration/postgres/V047, which says why),
 * and the unique index that backs such a key once {@code H2KeyRepair} has rebuilt it.
 *
 * <p>Java rather than SQL because H2 has no {@code DROP PRIMARY KEY IF EXISTS}, and H2 commits DDL
 * statement by statement: a migration interrupted after the first table runs again, and a key
 * already dropped is not dropped twice.
 */
public class V047__PointerRowsWithoutRunKeys extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    for (String table : List.of("RUN_READS", "RUN_WRITES")) {
      if (hasPrimaryKey(c, table)) {
        try (Statement st = c.createStatement()) {
          st.execute("ALTER TABLE " + table + " DROP PRIMARY KEY");
        }
      }
      // A key H2KeyRepair rebuilt is backed by a unique index of its own, TABLE_KEY_...
      for (String index : repairIndexes(c, table)) {
        try (Statement st = c.createStatement()) {
          st.execute("DROP INDEX IF EXISTS \"" + index + "\"");
        }
      }
    }
  }

  private static List<String> repairIndexes(Connection c, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = ?"
                + " AND INDEX_NAME LIKE ? AND TABLE_SCHEMA = CURRENT_SCHEMA")) {
      ps.setString(1, table);
      ps.setString(2, table + "\\_KEY\\_%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static boolean hasPrimaryKey(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_NAME = ?"
                + " AND CONSTRAINT_TYPE = 'PRIMARY KEY' AND TABLE_SCHEMA = CURRENT_SCHEMA")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
