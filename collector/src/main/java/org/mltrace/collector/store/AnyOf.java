package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Binds a list of keys as one array parameter of {@code column = ANY(?)}, which H2 and PostgreSQL
 * both accept, so a batch looks its keys up with one statement whatever their number. Lists are cut
 * into chunks that keep each array and each plan small. Public for the query layer's reads of many
 * runs at once (the web UI's trace and history pages).
 */
public final class AnyOf {
  public static final int CHUNK = 1000;

  private AnyOf() {}

  /** The keys in chunks of at most {@value #CHUNK}, in order; one chunk (maybe empty) for few. */
  public static List<List<String>> chunks(List<String> keys) {
    if (keys.size() <= CHUNK) {
      return List.of(keys);
    }
    List<List<String>> chunks = new java.util.ArrayList<>();
    for (int from = 0; from < keys.size(); from += CHUNK) {
      chunks.add(keys.subList(from, Math.min(keys.size(), from + CHUNK)));
    }
    return chunks;
  }

  public static void bind(PreparedStatement ps, int index, List<String> keys) throws SQLException {
    ps.setArray(index, ps.getConnection().createArrayOf("VARCHAR", keys.toArray()));
  }
}
