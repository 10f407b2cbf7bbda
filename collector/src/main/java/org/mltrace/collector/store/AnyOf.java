package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Binds a list of keys (text ids, or bigint keys) as one array parameter of {@code column =
 * ANY(?)}, which H2 and PostgreSQL both accept, so a batch looks its keys up with one statement
 * whatever their number. Lists are cut into chunks that keep each array and each plan small. Public
 * for the query layer's reads of many runs at once (the web UI's trace and history pages).
 *
 * <p>The chunk size differs by database. H2 finds the rows through the index, then checks {@code =
 * ANY(?)} again on every row by walking the array, so each row costs time in proportion to the
 * chunk: {@code history --limit 1000} on a 100,000-run file took at least 57 ms with one chunk, 28
 * ms with chunks of 100 (see docs/performance.md). PostgreSQL checks nothing twice; there a chunk
 * costs a round trip.
 */
public final class AnyOf {
  /** The largest chunk, PostgreSQL's. */
  public static final int CHUNK = 1000;

  /** H2's chunk. */
  static final int H2_CHUNK = 100;

  private AnyOf() {}

  /** The keys in chunks sized for {@code database}, in order; one chunk (maybe empty) for few. */
  public static <K> List<List<K>> chunks(Database database, List<K> keys) {
    return chunks(SqlDialect.of(database.isPostgres()), keys);
  }

  /** The distinct keys in chunks sized for {@code database}, first occurrence first. */
  static List<List<String>> distinctChunks(Database database, Collection<String> keys) {
    return chunks(database, List.copyOf(new LinkedHashSet<>(keys)));
  }

  static <K> List<List<K>> chunks(SqlDialect dialect, List<K> keys) {
    return chunks(keys, dialect == SqlDialect.H2 ? H2_CHUNK : CHUNK);
  }

  /** The keys in chunks of at most {@code size}, in order; one chunk (maybe empty) for few. */
  static <K> List<List<K>> chunks(List<K> keys, int size) {
    if (keys.size() <= size) {
      return List.of(keys);
    }
    List<List<K>> chunks = new java.util.ArrayList<>();
    for (int from = 0; from < keys.size(); from += size) {
      chunks.add(keys.subList(from, Math.min(keys.size(), from + size)));
    }
    return chunks;
  }

  public static void bind(PreparedStatement ps, int index, List<String> keys) throws SQLException {
    ps.setArray(index, ps.getConnection().createArrayOf("VARCHAR", keys.toArray()));
  }

  /** Binds bigint keys ({@code run_key}, {@code pointer_key}: V048) as one array parameter. */
  static void bindKeys(PreparedStatement ps, int index, List<Long> keys) throws SQLException {
    ps.setArray(index, ps.getConnection().createArrayOf("BIGINT", keys.toArray()));
  }
}
