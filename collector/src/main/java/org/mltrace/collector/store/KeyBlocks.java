package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Hands out the bigint keys of new runs and pointers (V048) from the database's sequences {@code
 * run_keys} and {@code pointer_keys}, which step by {@link #BLOCK}: one {@code nextval} reserves
 * the block starting at its value, and the collector numbers that many rows from it without asking
 * again. Another collector, or a row inserted by hand (the columns' default), draws a block of its
 * own, so keys never collide; a block abandoned by a rolled-back transaction or a restart only
 * leaves a gap.
 */
final class KeyBlocks {
  /** The sequences' increment (V048). */
  static final int BLOCK = 1000;

  private final Sequence runs = new Sequence("run_keys");
  private final Sequence pointers = new Sequence("pointer_keys");

  /** A fresh run key. */
  long nextRunKey(Connection c, SqlDialect dialect) throws SQLException {
    return runs.next(c, dialect);
  }

  /** A fresh pointer key. */
  long nextPointerKey(Connection c, SqlDialect dialect) throws SQLException {
    return pointers.next(c, dialect);
  }

  private static final class Sequence {
    private final String name;
    private long next;
    private long end; // exclusive; next == end: no block held

    Sequence(String name) {
      this.name = name;
    }

    synchronized long next(Connection c, SqlDialect dialect) throws SQLException {
      if (next == end) {
        String sql =
            dialect == SqlDialect.POSTGRES
                ? "SELECT nextval('" + name + "')"
                : "SELECT NEXT VALUE FOR " + name;
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          next = rs.getLong(1);
          end = next + BLOCK;
        }
      }
      return next++;
    }
  }
}
