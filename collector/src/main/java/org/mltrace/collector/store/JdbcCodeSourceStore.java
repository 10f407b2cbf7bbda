package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.event.CodeSourceEvent;

/**
 * Where woven classes came from ({@code code_sources}, V028): written at ingest, one row per agent,
 * component and class, read by {@code inspect}, {@code history} and the UI's run page. Throws
 * {@link StoreException} when the database fails.
 */
public final class JdbcCodeSourceStore {
  /** One woven class of a component in one agent, and the jar it came from. */
  public record CodeSourceRow(
      String agentId,
      String component,
      String className,
      String codeVersion,
      String location,
      String jarSha256,
      String maven) {}

  private static final String COLUMNS =
      "agent_id, component, class_name, code_version, location, jar_sha256, maven";

  private final Database database;

  public JdbcCodeSourceStore(Database database) {
    this.database = database;
  }

  /**
   * Stores the event in the ingest transaction on {@code c} (update, then insert when there was no
   * row: ingest transactions are serialized, see {@link SqlDialect#INGEST_LOCK_KEY}).
   */
  static void upsert(Connection c, CodeSourceEvent e, Instant now) {
    try {
      int updated;
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE code_sources SET code_version = ?, location = ?, jar_sha256 = ?, maven = ?, recorded_at = ?"
                  + " WHERE agent_id = ? AND component = ? AND class_name = ?")) {
        bind(ps, e.codeVersion(), e.location(), e.sha256(), e.maven());
        Jdbc.setTime(ps, 5, now);
        Jdbc.setText(ps, 6, e.agentId());
        Jdbc.setText(ps, 7, e.component());
        Jdbc.setText(ps, 8, e.className());
        updated = ps.executeUpdate();
      }
      if (updated == 0) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO code_sources (code_version, location, jar_sha256, maven, recorded_at, agent_id, component, class_name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          bind(ps, e.codeVersion(), e.location(), e.sha256(), e.maven());
          Jdbc.setTime(ps, 5, now);
          Jdbc.setText(ps, 6, e.agentId());
          Jdbc.setText(ps, 7, e.component());
          Jdbc.setText(ps, 8, e.className());
          ps.executeUpdate();
        }
      }
    } catch (SQLException ex) {
      throw StoreException.of(
          "storing the code source of " + e.className() + " for " + e.component(), ex);
    }
  }

  private static void bind(PreparedStatement ps, String... texts) throws SQLException {
    for (int i = 0; i < texts.length; i++) {
      Jdbc.setText(ps, i + 1, texts[i]);
    }
  }

  /**
   * The code sources of {@code component} as each of {@code agentIds} reported them, by agent, each
   * agent's by class name; agents that reported none are absent.
   */
  public Map<String, List<CodeSourceRow>> of(String component, Collection<String> agentIds) {
    Map<String, List<CodeSourceRow>> byAgent = new LinkedHashMap<>();
    List<String> agents = agentIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
    for (List<String> chunk : AnyOf.chunks(database, agents)) {
      if (chunk.isEmpty()) {
        continue;
      }
      for (CodeSourceRow row :
          SqlRows.query(
              database,
              "reading the code sources of " + component,
              "SELECT "
                  + COLUMNS
                  + " FROM code_sources WHERE component = ? AND agent_id = ANY(?)"
                  + " ORDER BY agent_id, class_name",
              rs ->
                  new CodeSourceRow(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7)),
              component,
              new ArrayList<>(chunk))) {
        byAgent.computeIfAbsent(row.agentId(), a -> new ArrayList<>()).add(row);
      }
    }
    return byAgent;
  }
}
