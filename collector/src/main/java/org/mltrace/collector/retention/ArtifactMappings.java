package org.mltrace.collector.retention;

import java.sql.Connection;
import java.sql.SQLException;

/** The artifact-snapshot rows of the runs compaction removes (the stored files stay). */
final class ArtifactMappings {
  private ArtifactMappings() {}

  static long deleteForBatch(Connection c) throws SQLException {
    return 0; // no snapshot table yet
  }
}
