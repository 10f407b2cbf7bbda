package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.mltrace.agent.event.RunEvent;

/**
 * Each component's number of stored runs by status ({@code component_run_counts}, V029), so that
 * {@code mltrace components} and {@code GET /metrics} read a row per component and status instead
 * of counting every run. Written in the transaction that changes the runs: ingest adds a batch's
 * runs, compaction subtracts the runs it removes. Both hold the collectors' ingest lock on
 * PostgreSQL (and H2 has one writer), so an update-then-insert is safe. Throws {@link
 * StoreException} when the database fails.
 */
public final class JdbcRunCountStore {
  private JdbcRunCountStore() {}

  /** A component and a run status ({@code ok}, {@code failed}). */
  public record Key(String component, String status) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = component.compareTo(o.component);
      return c != 0 ? c : status.compareTo(o.status);
    }
  }

  /**
   * Adds the newly stored runs to their counts: one batch of updates, one per component and status,
   * and an insert for a component's first runs.
   */
  static void added(Connection c, Collection<RunEvent> fresh) {
    Map<Key, Long> counts = new TreeMap<>(); // a fixed order: no deadlock between writers
    for (RunEvent r : fresh) {
      counts.merge(new Key(r.component(), r.failed() ? "failed" : "ok"), 1L, Long::sum);
    }
    change(c, counts, 1);
  }

  /** Subtracts removed runs. */
  public static void removed(Connection c, Map<Key, Long> counts) {
    change(c, new TreeMap<>(counts), -1);
  }

  private static void change(Connection c, Map<Key, Long> counts, int sign) {
    if (counts.isEmpty()) {
      return;
    }
    try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE component_run_counts SET runs = runs + ? WHERE component = ? AND status = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO component_run_counts (component, status, runs) VALUES (?, ?, ?)")) {
      // One round trip for the updates, then an insert for each count that had no row.
      for (Map.Entry<Key, Long> e : counts.entrySet()) {
        update.setLong(1, sign * e.getValue());
        update.setString(2, e.getKey().component());
        update.setString(3, e.getKey().status());
        update.addBatch();
      }
      int[] updated = update.executeBatch();
      int i = 0;
      for (Map.Entry<Key, Long> e : counts.entrySet()) {
        if (updated[i++] == 0) {
          insert.setString(1, e.getKey().component());
          insert.setString(2, e.getKey().status());
          insert.setLong(3, Math.max(0, sign * e.getValue()));
          insert.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw StoreException.of("counting the runs of " + counts.keySet(), e);
    }
  }

  /** The runs in {@code compaction_batch}, by component and status (what a compaction removes). */
  public static Map<Key, Long> inCompactionBatch(Connection c) {
    Map<Key, Long> counts = new TreeMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT r.component, r.status, COUNT(*) FROM compaction_batch b"
                    + " JOIN component_runs r ON r.id = b.run_id GROUP BY r.component, r.status");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        counts.put(new Key(rs.getString(1), rs.getString(2)), rs.getLong(3));
      }
      return counts;
    } catch (SQLException e) {
      throw StoreException.of("counting the runs a compaction removes", e);
    }
  }
}
