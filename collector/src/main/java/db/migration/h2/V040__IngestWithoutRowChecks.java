package db.migration.h2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * mltrace collector schema, version 40 (H2): the foreign keys of {@code run_dependencies} (its run,
 * the run it depends on, the pointer) and of {@code component_runs} (its component) are dropped, as
 * on PostgreSQL (db/migration/postgres/V040, which says why). On H2 each also had an index of its
 * own that every stored run and link paid for: four indexes less (component_runs 5 → 4,
 * run_dependencies 5 → 2); no query reads through them (the primary keys and the named indexes
 * serve every look-up of these tables).
 *
 * <p>Java rather than SQL because H2 named the constraints itself when V001 created them ({@code
 * CONSTRAINT_D1} and the like, not stable across databases): they are found by table in the
 * information schema. Re-runnable: a constraint already dropped is not found again.
 */
public class V040__IngestWithoutRowChecks extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    List<String> drops = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT TABLE_NAME, CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                    + " WHERE CONSTRAINT_TYPE = 'FOREIGN KEY' AND TABLE_SCHEMA = CURRENT_SCHEMA"
                    + " AND TABLE_NAME IN ('RUN_DEPENDENCIES', 'COMPONENT_RUNS')")) {
      while (rs.next()) {
        drops.add(
            "ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT \"" + rs.getString(2) + "\"");
      }
    }
    try (Statement st = c.createStatement()) {
      for (String drop : drops) {
        st.execute(drop);
      }
    }
  }
}
