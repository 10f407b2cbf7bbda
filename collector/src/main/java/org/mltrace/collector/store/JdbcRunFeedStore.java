package org.mltrace.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored runs in the order they were stored ({@code ingested_at}, then id), read page by page after
 * a cursor: what OpenLineage forwarding follows. Throws {@link StoreException} when the database
 * fails.
 */
public final class JdbcRunFeedStore {
  /** A run and when it was stored: a position in the feed. */
  public record Stored(String runId, Instant ingestedAt) {}

  private static final String SELECT = "SELECT id, ingested_at FROM component_runs";

  private final Database database;

  public JdbcRunFeedStore(Database database) {
    this.database = database;
  }

  /** The run stored last, if any. */
  public Optional<Stored> last() {
    return SqlRows.query(
            database,
            "reading the run stored last",
            SELECT + " ORDER BY ingested_at DESC, id DESC LIMIT 1",
            JdbcRunFeedStore::stored)
        .stream()
        .findFirst();
  }

  /** At most {@code limit} runs stored after {@code after} (null: from the first), in order. */
  public List<Stored> after(Stored after, int limit) {
    String order = " ORDER BY ingested_at, id LIMIT " + limit;
    if (after == null) {
      return SqlRows.query(
          database, "reading stored runs", SELECT + order, JdbcRunFeedStore::stored);
    }
    return SqlRows.query(
        database,
        "reading the runs stored after " + after.runId(),
        SELECT + " WHERE ingested_at > ? OR (ingested_at = ? AND id > ?)" + order,
        JdbcRunFeedStore::stored,
        after.ingestedAt(),
        after.ingestedAt(),
        after.runId());
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    return new Stored(rs.getString(1), Jdbc.time(rs, "ingested_at"));
  }
}
