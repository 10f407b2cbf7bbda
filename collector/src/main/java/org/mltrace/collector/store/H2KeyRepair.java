package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the primary-key index of a run's child table in an H2 database that a killed collector
 * left with a key entry for a row that does not exist.
 *
 * <h2>Why</h2>
 *
 * <p>H2's MVStore keeps a table's rows and each of its indexes in separate maps. After an unclean
 * shutdown it can come back with an uncommitted entry in one map whose counterpart in another was
 * lost (H2 handles such "leftovers" but not every case: h2database PR 1222). CollectorCrashIT saw
 * the visible kind, child rows of a run whose transaction was lost, which {@link
 * IngestTransaction#removeOrphanRows} deletes; and once, in CI, the invisible kind: storing the run
 * again broke {@code run_outputs}' primary key while no such row could be read or deleted. Only a
 * new index, built from the rows that do exist, clears that entry.
 *
 * <p>The new unique index is created first, then the old constraint dropped and added again, which
 * H2 backs with the new index: uniqueness holds at every step, so a collector killed in between
 * leaves at worst a table whose primary key constraint is missing, which {@link
 * #restoreMissingKeys} adds back at the next start.
 */
final class H2KeyRepair {
  private static final Logger log = LoggerFactory.getLogger(H2KeyRepair.class);

  /**
   * Child tables of a run and their primary keys; none is referenced by a foreign key. The pointer
   * rows ({@code run_reads}, {@code run_writes}) have had no key since V047; the dependencies are
   * keyed by run and pointer key since V048.
   */
  static final Map<String, String> CHILD_KEYS =
      Map.of(
          "RUN_VALUE_SAMPLES", "RUN_ID, DIRECTION, POSITION",
          "RUN_DEPENDENCY_KEYS", "RUN_KEY, POINTER_KEY");

  /** H2's message names the index's table: {@code ... ON PUBLIC.RUN_OUTPUTS(RUN_ID, ...}. */
  private static final Pattern VIOLATED_TABLE = Pattern.compile("ON PUBLIC\\.([A-Z_]+)\\(");

  private H2KeyRepair() {}

  /**
   * The child table whose primary key {@code e} violated, when it is a unique-key violation (SQL
   * state 23505) on one of {@link #CHILD_KEYS}.
   */
  static Optional<String> violatedChildTable(StoreException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        Matcher m = VIOLATED_TABLE.matcher(String.valueOf(sql.getMessage()));
        if (m.find() && CHILD_KEYS.containsKey(m.group(1))) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }

  /** Rebuilds {@code table}'s primary key from its rows (see the class comment). */
  static void rebuildKey(Connection c, String table) throws SQLException {
    String columns = CHILD_KEYS.get(table);
    if (columns == null) {
      throw new IllegalArgumentException("not a run child table: " + table);
    }
    c.setAutoCommit(true);
    String index =
        table + "_KEY_" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    try (Statement st = c.createStatement()) {
      st.execute("CREATE UNIQUE INDEX " + index + " ON " + table + " (" + columns + ")");
      for (String constraint : primaryKeyConstraints(c, table)) {
        st.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
      }
      st.execute("ALTER TABLE " + table + " ADD PRIMARY KEY (" + columns + ")");
      try {
        st.execute("DROP INDEX " + index);
      } catch (SQLException usedByTheKey) {
        // H2 backs the new primary key with this index: it stays, as the key's index
      }
    }
    log.warn(
        "rebuilt the primary key index of {}: H2 held a key entry for a row that does not exist,"
            + " left by a transaction interrupted when a collector was killed",
        table);
  }

  /** Adds the primary key of any child table that lacks one (a repair interrupted by a kill). */
  static void restoreMissingKeys(Connection c) throws SQLException {
    for (Map.Entry<String, String> e : CHILD_KEYS.entrySet()) {
      if (tableExists(c, e.getKey()) && primaryKeyConstraints(c, e.getKey()).isEmpty()) {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute("ALTER TABLE " + e.getKey() + " ADD PRIMARY KEY (" + e.getValue() + ")");
        }
        log.warn("restored the primary key of {}, dropped by an interrupted repair", e.getKey());
      }
    }
  }

  private static List<String> primaryKeyConstraints(Connection c, String table)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ?"
                + " AND CONSTRAINT_TYPE = 'PRIMARY KEY'")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " AND TABLE_NAME = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
