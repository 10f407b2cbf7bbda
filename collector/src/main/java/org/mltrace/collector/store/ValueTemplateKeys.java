package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of {@code value_templates} rows (V052, PostgreSQL), each template stored the first time
 * a run needs it. The keys of templates committed before are kept in memory, so a batch whose runs
 * all have known shapes asks the database nothing; a template found or inserted in a transaction is
 * kept only once that transaction has committed ({@link InTransaction#committed}), since a key
 * inserted by a transaction that rolls back would name no row. Templates are never deleted, and the
 * ingest transactions of all collectors are serialized ({@link
 * JdbcIngestTransaction#lockForIngest}), so a template is stored once; a compaction racing with an
 * ingest could store one twice, which only costs a row.
 */
final class ValueTemplateKeys {
  /** Beyond this many known templates the memory starts again empty (a workload of odd shapes). */
  private static final int MAX_KNOWN = 20_000;

  private final Map<ValueTemplate, Integer> known = new ConcurrentHashMap<>();

  /** The keys one transaction uses. */
  InTransaction inTransaction(Connection connection) {
    return new InTransaction(connection);
  }

  final class InTransaction {
    private final Connection connection;
    private final Map<ValueTemplate, Integer> seen = new HashMap<>();

    private InTransaction(Connection connection) {
      this.connection = connection;
    }

    /** The key of each of {@code templates}, storing those the database does not have yet. */
    Map<ValueTemplate, Integer> keysOf(Collection<ValueTemplate> templates) throws SQLException {
      Map<ValueTemplate, Integer> keys = new HashMap<>();
      Set<ValueTemplate> missing = new LinkedHashSet<>();
      for (ValueTemplate t : templates) {
        Integer key = seen.containsKey(t) ? seen.get(t) : known.get(t);
        if (key == null) {
          missing.add(t);
        } else {
          keys.put(t, key);
        }
      }
      if (!missing.isEmpty()) {
        Map<ValueTemplate, Integer> found = stored(missing);
        missing.removeAll(found.keySet());
        found.putAll(insert(missing));
        seen.putAll(found);
        keys.putAll(found);
      }
      return keys;
    }

    /** After the transaction committed: its templates' keys are safe to reuse. */
    void committed() {
      if (known.size() + seen.size() > MAX_KNOWN) {
        known.clear();
      }
      known.putAll(seen);
    }

    private Map<ValueTemplate, Integer> stored(Collection<ValueTemplate> templates)
        throws SQLException {
      List<String> signatures = new ArrayList<>();
      for (ValueTemplate t : templates) {
        signatures.add(t.signature());
      }
      Map<ValueTemplate, Integer> found = new HashMap<>();
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT template_key, input_entries, output_entries, summary_entries"
                  + " FROM value_templates WHERE mltrace_template_signature(input_entries,"
                  + " output_entries, summary_entries) = ANY(?) ORDER BY template_key")) {
        ps.setArray(1, connection.createArrayOf("text", signatures.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ValueTemplate t = new ValueTemplate(rs.getString(2), rs.getString(3), rs.getString(4));
            if (templates.contains(t)) {
              found.putIfAbsent(t, rs.getInt(1));
            }
          }
        }
      }
      return found;
    }

    private Map<ValueTemplate, Integer> insert(Collection<ValueTemplate> templates)
        throws SQLException {
      Map<ValueTemplate, Integer> inserted = new HashMap<>();
      if (templates.isEmpty()) {
        return inserted;
      }
      List<String> inputs = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      List<String> summaries = new ArrayList<>();
      for (ValueTemplate t : templates) {
        inputs.add(t.inputs());
        outputs.add(t.outputs());
        summaries.add(t.summaries());
      }
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO value_templates (input_entries, output_entries, summary_entries)"
                  + " SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]),"
                  + " CAST(? AS TEXT[]))"
                  + " RETURNING template_key, input_entries, output_entries, summary_entries")) {
        ps.setArray(1, connection.createArrayOf("text", inputs.toArray()));
        ps.setArray(2, connection.createArrayOf("text", outputs.toArray()));
        ps.setArray(3, connection.createArrayOf("text", summaries.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.put(
                new ValueTemplate(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getInt(1));
          }
        }
      }
      return inserted;
    }
  }
}
