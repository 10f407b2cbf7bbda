package org.mltrace.collector.retention;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The artifact-snapshot rows of the runs compaction removes. The stored files stay: other runs may
 * share them (the store is content-addressed), and deleting files is left to the operator.
 */
final class ArtifactMappings {
  private ArtifactMappings() {}

  static long deleteForBatch(Connection c) throws SQLException {
    return Compactor.deleteBatched(c, "artifact_snapshots", "run_id");
  }
}
