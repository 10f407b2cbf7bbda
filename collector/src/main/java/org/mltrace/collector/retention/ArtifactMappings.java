package org.mltrace.collector.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The artifact-snapshot rows of the runs compaction removes. The stored files stay: other runs
 * may share them (the store is content-addressed), and deleting files is left to the operator.
 */
final class ArtifactMappings {
  private ArtifactMappings() {}

  static long deleteForBatch(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate(
          "DELETE FROM artifact_snapshots WHERE run_id IN (SELECT run_id FROM compaction_batch)");
    }
  }
}
