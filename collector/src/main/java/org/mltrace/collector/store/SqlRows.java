package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one parameterized statement on the session's connection. Parameters may be a String, a Long
 * or Integer, an Instant (bound as UTC), a Boolean, or a {@code List<String>} for {@code = ANY(?)}
 * (see {@link AnyOf}; callers chunk long lists), or a non-empty {@code List<Long>} of keys for a
 * bigint column's {@code = ANY(?)} (an empty list is bound as text, which PostgreSQL will not
 * compare with a bigint: {@link #queryChunks} asks nothing for no keys).
 */
final class SqlRows {
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private SqlRows() {}

  static <T> List<T> query(
      Database database, String doing, String sql, RowMapper<T> mapper, Object... params) {
    Connection c = database.connection();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw StoreException.of(doing, e);
    }
  }

  /**
   * The rows of {@code sql}, whose one parameter is a chunk of {@code keys} (see {@link AnyOf}), of
   * all the chunks in turn; for no keys, none without asking (an empty list binds as text).
   */
  static <K, T> List<T> queryChunks(
      Database database, String doing, String sql, RowMapper<T> mapper, Collection<K> keys) {
    List<T> rows = new ArrayList<>();
    if (keys.isEmpty()) {
      return rows;
    }
    for (List<K> chunk : AnyOf.chunks(database, List.copyOf(keys))) {
      rows.addAll(query(database, doing, sql, mapper, chunk));
    }
    return rows;
  }

  /**
   * The rows of {@code sql}, whose one parameter is a chunk of the distinct {@code keys} (see
   * {@link AnyOf}), as lists of their second column by their first, in row order.
   */
  static Map<String, List<String>> grouped(
      Database database, String doing, String sql, Collection<String> keys) {
    Map<String, List<String>> into = new HashMap<>();
    for (List<String> chunk : AnyOf.distinctChunks(database, keys)) {
      for (String[] row :
          query(
              database, doing, sql, rs -> new String[] {rs.getString(1), rs.getString(2)}, chunk)) {
        into.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
      }
    }
    return into;
  }

  /**
   * Runs an INSERT, UPDATE or DELETE in its own transaction, or in the {@link UnitOfWork} running
   * on the connection; returns the rows changed.
   */
  static int update(Database database, String doing, String sql, Object... params) {
    Connection c = database.connection();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      int changed = ps.executeUpdate();
      if (!c.getAutoCommit() && !database.inUnitOfWork()) {
        c.commit();
      }
      return changed;
    } catch (SQLException e) {
      throw StoreException.of(doing, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int index = i + 1;
      if (p == null || p instanceof String) {
        Jdbc.setText(ps, index, (String) p);
      } else if (p instanceof Instant t) {
        Jdbc.setTime(ps, index, t);
      } else if (p instanceof Long l) {
        ps.setLong(index, l);
      } else if (p instanceof Integer n) {
        ps.setInt(index, n);
      } else if (p instanceof Boolean b) {
        ps.setBoolean(index, b);
      } else if (p instanceof List<?> keys && !keys.isEmpty() && keys.get(0) instanceof Long) {
        AnyOf.bindKeys(ps, index, (List<Long>) keys);
      } else if (p instanceof List<?> keys) {
        AnyOf.bind(ps, index, (List<String>) keys);
      } else {
        throw new IllegalArgumentException("cannot bind " + p.getClass());
      }
    }
  }
}
