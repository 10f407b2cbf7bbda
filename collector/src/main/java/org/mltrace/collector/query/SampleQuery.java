package org.mltrace.collector.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.store.ValueSampleBytes;

/**
 * The histograms of a run's stored samples ({@code run_value_samples}: the agent keeps a sample
 * only of variables a declared trigger needs), binned here so the page draws bars without the
 * sample. One indexed statement per run, and one more per sampled value.
 *
 * @throws StoreException (from every method) when the database fails or a stored sample is not a
 *     whole number of doubles
 */
public final class SampleQuery {
  private final QueryService queries;

  public SampleQuery(QueryService queries) {
    this.queries = queries;
  }

  /**
   * The histogram of each of the run's values that has a sample with a finite number, by {@code
   * "input"} or {@code "output"} and then the value's index in {@code inspect}'s list of that
   * direction (values are listed by position, which need not count from 0).
   */
  public Map<String, Map<Integer, SampleHistogram>> histograms(String runId) {
    Map<String, Map<Integer, SampleHistogram>> byDirection = new HashMap<>();
    try {
      Connection c = queries.database().connection();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT direction, position, sample_values FROM run_value_samples"
                  + " WHERE run_id = ? AND sample_values IS NOT NULL")) {
        ps.setString(1, runId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String direction = rs.getString(1);
            int position = rs.getInt(2);
            SampleHistogram h = SampleHistogram.of(ValueSampleBytes.doubles(rs.getBytes(3)));
            if (h != null) {
              int index = positions(c, direction, runId).indexOf(position);
              byDirection.computeIfAbsent(direction, k -> new HashMap<>()).put(index, h);
            }
          }
        }
      }
    } catch (SQLException | IllegalArgumentException e) {
      throw new StoreException("cannot read the samples of run " + runId, e);
    }
    return byDirection;
  }

  private static List<Integer> positions(Connection c, String direction, String runId)
      throws SQLException {
    String table = "input".equals(direction) ? "run_inputs" : "run_outputs";
    List<Integer> positions = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT position FROM " + table + " WHERE run_id = ? ORDER BY position")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          positions.add(rs.getInt(1));
        }
      }
    }
    return positions;
  }
}
