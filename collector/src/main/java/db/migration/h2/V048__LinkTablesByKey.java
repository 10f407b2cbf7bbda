package db.migration.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * mltrace collector schema, version 48 (H2): the link tables refer to runs and pointers by bigint
 * keys, as on PostgreSQL (db/migration/postgres/V048, which says why); {@code run_reads}, {@code
 * run_writes} and {@code run_dependencies} become views with their old columns.
 *
 * <p>Java rather than SQL because H2 commits DDL statement by statement: a migration interrupted
 * halfway runs again from the start, so each step checks what is already done (a key column added,
 * a table already moved) instead of doing it twice.
 */
public class V048__LinkTablesByKey extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    addKey(c, "component_runs", "run_key", "run_keys", "component_runs_by_key");
    addKey(c, "io_pointers", "pointer_key", "pointer_keys", "io_pointers_by_key");
    move(
        c,
        "run_reads",
        "run_read_keys",
        "CREATE TABLE IF NOT EXISTS run_read_keys (pointer_key BIGINT NOT NULL,"
            + " run_key BIGINT NOT NULL, position INTEGER NOT NULL, name VARCHAR,"
            + " fingerprint VARCHAR)",
        "INSERT INTO run_read_keys (pointer_key, run_key, position, name, fingerprint)"
            + " SELECT p.pointer_key, r.run_key, x.position, x.name, x.fingerprint"
            + " FROM run_reads x JOIN component_runs r ON r.id = x.run_id"
            + " JOIN io_pointers p ON p.identifier = x.pointer_id",
        "CREATE INDEX IF NOT EXISTS run_read_keys_by_pointer ON run_read_keys"
            + " (pointer_key, run_key)",
        "CREATE OR REPLACE VIEW run_reads AS SELECT r.id AS run_id, k.position,"
            + " p.identifier AS pointer_id, k.name, k.fingerprint FROM run_read_keys k"
            + " JOIN component_runs r ON r.run_key = k.run_key"
            + " JOIN io_pointers p ON p.pointer_key = k.pointer_key");
    move(
        c,
        "run_writes",
        "run_write_keys",
        "CREATE TABLE IF NOT EXISTS run_write_keys (pointer_key BIGINT NOT NULL,"
            + " end_time TIMESTAMP WITH TIME ZONE NOT NULL, run_key BIGINT NOT NULL,"
            + " position INTEGER NOT NULL, fingerprint VARCHAR)",
        "INSERT INTO run_write_keys (pointer_key, end_time, run_key, position, fingerprint)"
            + " SELECT p.pointer_key, x.end_time, r.run_key, x.position, x.fingerprint"
            + " FROM run_writes x JOIN component_runs r ON r.id = x.run_id"
            + " JOIN io_pointers p ON p.identifier = x.pointer_id",
        "CREATE INDEX IF NOT EXISTS run_write_keys_by_pointer_end ON run_write_keys"
            + " (pointer_key, end_time DESC, run_key DESC)",
        "CREATE OR REPLACE VIEW run_writes AS SELECT r.id AS run_id, k.position,"
            + " p.identifier AS pointer_id, k.fingerprint, k.end_time FROM run_write_keys k"
            + " JOIN component_runs r ON r.run_key = k.run_key"
            + " JOIN io_pointers p ON p.pointer_key = k.pointer_key");
    move(
        c,
        "run_dependencies",
        "run_dependency_keys",
        "CREATE TABLE IF NOT EXISTS run_dependency_keys (run_key BIGINT NOT NULL,"
            + " pointer_key BIGINT NOT NULL, depends_on_run_key BIGINT NOT NULL,"
            + " PRIMARY KEY (run_key, pointer_key))",
        "INSERT INTO run_dependency_keys (run_key, pointer_key, depends_on_run_key)"
            + " SELECT r.run_key, p.pointer_key, u.run_key"
            + " FROM run_dependencies x JOIN component_runs r ON r.id = x.run_id"
            + " JOIN component_runs u ON u.id = x.depends_on_run_id"
            + " JOIN io_pointers p ON p.identifier = x.pointer_id",
        "CREATE INDEX IF NOT EXISTS run_dependency_keys_by_upstream ON run_dependency_keys"
            + " (depends_on_run_key)",
        "CREATE OR REPLACE VIEW run_dependencies AS SELECT r.id AS run_id,"
            + " u.id AS depends_on_run_id, p.identifier AS pointer_id FROM run_dependency_keys k"
            + " JOIN component_runs r ON r.run_key = k.run_key"
            + " JOIN component_runs u ON u.run_key = k.depends_on_run_key"
            + " JOIN io_pointers p ON p.pointer_key = k.pointer_key");
  }

  /**
   * Adds a key column drawn from its own sequence, then its unique index. The column comes filled:
   * H2 evaluates the default for each row as it copies the table to add the column, in the same
   * statement, so a rerun finds the column whole or absent. Filling it by an UPDATE afterwards
   * wrote every row a second time: a file holding 50,000 one-value runs grew from 21.5 to 121.5 MB,
   * against 38.8 MB so, before the index (the collector's H2 does not compact its file on close).
   */
  private static void addKey(
      Connection c, String table, String column, String sequence, String index)
      throws SQLException {
    exec(c, "CREATE SEQUENCE IF NOT EXISTS " + sequence + " INCREMENT BY 1000");
    exec(
        c,
        "ALTER TABLE "
            + table
            + " ADD COLUMN IF NOT EXISTS "
            + column
            + " BIGINT DEFAULT NEXT VALUE FOR "
            + sequence
            + " NOT NULL");
    exec(c, "CREATE UNIQUE INDEX IF NOT EXISTS " + index + " ON " + table + " (" + column + ")");
  }

  /**
   * Moves a link table's rows into its keyed table and puts a view in its place. The rows are
   * copied only while the old table still exists and the new one is empty: one statement, so a
   * rerun after an interruption finds them all or none.
   */
  private static void move(
      Connection c, String old, String keyed, String create, String copy, String index, String view)
      throws SQLException {
    exec(c, create);
    if (isTable(c, old)) {
      if (isEmpty(c, keyed)) {
        exec(c, copy);
      }
      exec(c, "DROP TABLE " + old);
    }
    exec(c, index);
    exec(c, view);
  }

  private static boolean isTable(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?"
                + " AND TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = CURRENT_SCHEMA")) {
      ps.setString(1, name.toUpperCase(java.util.Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static boolean isEmpty(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
      return !rs.next();
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
