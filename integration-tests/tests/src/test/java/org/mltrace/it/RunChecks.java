package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact checks of the stored {@code produce} runs of {@link Workload}, through {@code sql --json}.
 */
final class RunChecks {
  private RunChecks() {}

  /**
   * Asserts that the database holds exactly {@code expectedPerAgent.get(agent)} produce runs per
   * agent, ids unique, sequence numbers 1..N without a gap, each with input {@code i = seq - 1} and
   * output {@code .../part-I.csv}; returns the agent ids found.
   */
  static List<String> assertExactlyOnce(CollectorCli db, List<Integer> expectedRuns, String context)
      throws Exception {
    JsonNode rows =
        db.rows(
            "SELECT r.id AS \"id\", r.agent_id AS \"agent\", r.status AS \"status\","
                + " i.value_text AS \"i\", o.value_text AS \"out\""
                + " FROM component_runs r"
                + " JOIN run_inputs i ON i.run_id = r.id AND i.position = 0"
                + " JOIN run_outputs o ON o.run_id = r.id AND o.position = 0"
                + " WHERE r.component = 'produce'");
    long total = db.count("SELECT COUNT(*) FROM component_runs WHERE component = 'produce'");
    assertEquals(rows.size(), total, context + ": every run has its input and output rows");
    assertEquals(
        0,
        db.count("SELECT COUNT(*) FROM dead_letters"),
        context + ": " + db.rows("SELECT queue_index, reason FROM dead_letters"));
    Map<String, List<Long>> sequences = new TreeMap<>();
    Map<String, Integer> ids = new HashMap<>();
    for (JsonNode row : rows) {
      String id = row.path("id").asText();
      String agent = row.path("agent").asText();
      ids.merge(id, 1, Integer::sum);
      long seq = Long.parseLong(id.substring(agent.length() + 1));
      sequences.computeIfAbsent(agent, a -> new ArrayList<>()).add(seq);
      assertEquals("ok", row.path("status").asText(), context + ": " + row);
      assertEquals(String.valueOf(seq - 1), row.path("i").asText(), context + ": input of " + id);
      assertEquals(
          true,
          row.path("out").asText().endsWith("/part-" + (seq - 1) + ".csv"),
          context + ": output of " + id + " is " + row.path("out").asText());
    }
    assertEquals(rows.size(), ids.size(), context + ": run ids are unique");
    List<Integer> perAgent = new ArrayList<>();
    for (Map.Entry<String, List<Long>> e : sequences.entrySet()) {
      List<Long> seqs = e.getValue();
      seqs.sort(null);
      for (int k = 0; k < seqs.size(); k++) {
        if (seqs.get(k) != k + 1) {
          throw new AssertionError(
              context
                  + ": agent "
                  + e.getKey()
                  + " has a gap or duplicate at sequence "
                  + (k + 1)
                  + " (found "
                  + seqs.get(k)
                  + ")");
        }
      }
      perAgent.add(seqs.size());
    }
    List<Integer> expected = new ArrayList<>(expectedRuns);
    expected.sort(null);
    perAgent.sort(null);
    assertEquals(expected, perAgent, context + ": runs per agent");
    return new ArrayList<>(sequences.keySet());
  }
}
