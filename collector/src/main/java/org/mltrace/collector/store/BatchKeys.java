package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bigint keys (V048) of the runs and pointers one ingest transaction writes link rows for: the
 * batch's new runs and pointers get theirs from {@link KeyBlocks}, the pointers it finds stored
 * bring theirs from the same look-up, and any other run or pointer a link names (a producer or
 * consumer stored by an earlier batch) is looked up once, in chunks, when first needed.
 */
final class BatchKeys {
  private final StatementCache statements;
  private final SqlDialect dialect;
  private final KeyBlocks blocks;
  private final Map<String, Long> runs = new HashMap<>();
  private final Map<String, Long> pointers = new HashMap<>();

  /** Pointers looked up and not found stored: not asked for again until one is stored. */
  private final Set<String> absentPointers = new HashSet<>();

  BatchKeys(StatementCache statements, SqlDialect dialect, KeyBlocks blocks) {
    this.statements = statements;
    this.dialect = dialect;
    this.blocks = blocks;
  }

  /** A key for a run about to be stored. */
  long newRun(String runId) throws SQLException {
    long key = blocks.nextRunKey(statements.connection(), dialect);
    runs.put(runId, key);
    return key;
  }

  /** A key for a pointer about to be stored. */
  long newPointer(String identifier) throws SQLException {
    long key = blocks.nextPointerKey(statements.connection(), dialect);
    pointers.put(identifier, key);
    absentPointers.remove(identifier);
    return key;
  }

  /**
   * Forgets the keys drawn for pointers that another collector turned out to have stored first
   * (H2's insert-if-absent inserted nothing for them): look them up again.
   */
  void forgetPointers(Collection<String> identifiers) {
    pointers.keySet().removeAll(identifiers);
    absentPointers.removeAll(identifiers);
  }

  /** Notes a stored pointer's key, found by a look-up of the caller's. */
  void storedPointer(String identifier, long key) {
    pointers.put(identifier, key);
  }

  /** The key of a run of this batch or an earlier one; see {@link #lookUpRuns}. */
  long run(String runId) {
    Long key = runs.get(runId);
    if (key == null) {
      throw new IllegalStateException("no key looked up for run " + runId);
    }
    return key;
  }

  /** The key of a pointer of this batch or an earlier one; see {@link #lookUpPointers}. */
  long pointer(String identifier) {
    Long key = pointers.get(identifier);
    if (key == null) {
      throw new IllegalStateException("no key looked up for pointer " + identifier);
    }
    return key;
  }

  /** The key of a run of this batch or an earlier one, or null when none is stored. */
  Long knownRun(String runId) {
    return runs.get(runId);
  }

  /** The key of a pointer of this batch or an earlier one, or null when none is stored. */
  Long knownPointer(String identifier) {
    return pointers.get(identifier);
  }

  /** Looks up the keys of those runs not yet known. */
  void lookUpRuns(Collection<String> runIds) throws SQLException {
    lookUp(
        runIds,
        runs,
        new HashSet<>(),
        dialect == SqlDialect.POSTGRES
            ? "SELECT u.ord, r.run_key FROM unnest(CAST(? AS VARCHAR[])) WITH ORDINALITY"
                + " AS u(id, ord) JOIN component_runs r ON r.id = u.id"
            : "SELECT id, run_key FROM component_runs WHERE id = ANY(?)");
  }

  /** Looks up the keys of those pointers not yet known. */
  void lookUpPointers(Collection<String> identifiers) throws SQLException {
    lookUp(
        identifiers,
        pointers,
        absentPointers,
        dialect == SqlDialect.POSTGRES
            ? "SELECT u.ord, p.pointer_key FROM unnest(CAST(? AS VARCHAR[])) WITH ORDINALITY"
                + " AS u(identifier, ord) JOIN io_pointers p ON p.identifier = u.identifier"
            : "SELECT identifier, pointer_key FROM io_pointers WHERE identifier = ANY(?)");
  }

  /**
   * Keys the ids of {@code ids} that are neither known nor known absent; {@code sql} answers a
   * chunk's stored ids with their keys, on PostgreSQL each id by its place in the chunk. That keeps
   * the batch's own strings in the maps: the ingest pool computed their hashes, and the batch's
   * later look-ups find them by identity, where each string the database sent back had to be
   * decoded, hashed and then compared character by character. The join is also cheaper for
   * PostgreSQL than the semi-join it replaced, which first made the chunk's ids unique (1.7 ms
   * against 3.2 ms for 1,000 pointers; docs/performance.md, session 19).
   */
  private void lookUp(
      Collection<String> ids, Map<String, Long> known, Set<String> absent, String sql)
      throws SQLException {
    Set<String> missing = new LinkedHashSet<>();
    for (String id : ids) {
      if (!known.containsKey(id) && !absent.contains(id)) {
        missing.add(id);
      }
    }
    boolean byPlace = dialect == SqlDialect.POSTGRES;
    for (List<String> chunk : AnyOf.chunks(dialect, new ArrayList<>(missing))) {
      PreparedStatement select = statements.get(sql);
      AnyOf.bind(select, 1, chunk);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String id = byPlace ? chunk.get(rs.getInt(1) - 1) : rs.getString(1);
          known.put(id, rs.getLong(2));
        }
      }
    }
    for (String id : missing) {
      if (!known.containsKey(id)) {
        absent.add(id);
      }
    }
  }
}
