package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.testing.TestDatabases;

/**
 * {@code history COMPONENT --metric NAME} with {@code --since}, {@code --until} and {@code
 * --buckets} through the real command line on H2: six runs a minute apart, losses 6 to 1, in
 * buckets of two minutes (the sums are checked on both databases in JdbcMetricStoreTest).
 */
class HistoryMetricBucketsTest {
  @TempDir static Path tmp;
  private static String db;

  record Result(int code, String out, String err) {}

  static Result mltrace(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", db));
    int code =
        MltraceCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void fill() {
    db = TestDatabases.h2Url(tmp);
    List<Event> runs = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      runs.add(
          run("train-" + n, "train")
              .at(n * 60, n * 60 + 1)
              .output(
                  new CapturedValue(
                      "loss", ValueKind.DOUBLE, Double.toString(6 - n), "metric", "d", -1))
              .build());
    }
    TestDatabases.ingest(db, tmp, runs);
  }

  @Test
  void bucketsOfTwoMinutesHoldTwoRunsEach() {
    Result r =
        mltrace(
            "history",
            "train",
            "--metric",
            "loss",
            "--since",
            "2026-01-01T00:00:00Z",
            "--until",
            "2026-01-01T00:06:00Z",
            "--buckets",
            "3");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        List.of(
            "train loss: 3 buckets of 2m from 2026-01-01T00:00:00Z to 2026-01-01T00:06:00Z,"
                + " oldest first",
            "FROM                  RUNS  MIN  MEAN  MAX  RUN",
            "2026-01-01T00:00:00Z  2     5    5.5   6",
            "2026-01-01T00:02:00Z  2     3    3.5   4",
            "2026-01-01T00:04:00Z  2     1    1.5   2"),
        r.out().lines().map(String::stripTrailing).toList());
  }

  @Test
  void aBucketOfOneRunNamesItAndJsonCarriesTheBuckets() throws Exception {
    Result r =
        mltrace(
            "history", "train", "--metric", "loss", "--since", "2026-01-01T00:04:00Z", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("value", json.get("kind").asText());
    JsonNode buckets = json.get("buckets");
    assertEquals(2, buckets.size(), r.out());
    assertEquals(60_000_001 / 200 + 1, json.get("bucketMicros").asLong(), "up to just after run 5");
    assertEquals("train-4", buckets.get(0).get("runId").asText());
    assertEquals(2.0, buckets.get(0).get("mean").asDouble());
    assertEquals("train-5", buckets.get(1).get("runId").asText());
    assertTrue(json.get("threshold").isNull());
  }

  @Test
  void aWidthThatIsNoWholeUnitIsWrittenInTheLargestItFills() {
    Result r = mltrace("history", "train", "--metric", "loss", "--buckets", "2");
    assertEquals(0, r.code(), r.err());
    // from run 0 to just after run 5: 300 s + 1 µs in 2 buckets of 150.0000005 s, rounded up
    assertTrue(
        r.out().startsWith("train loss: 2 buckets of 2.50m from 2026-01-01T00:00:00Z"), r.out());
  }

  @Test
  void bucketsNeedAMetricAndARange() {
    assertEquals(
        "mltrace: --buckets needs --metric (see 'mltrace history --help')\n",
        mltrace("history", "train", "--buckets", "5").err());
    Result zero = mltrace("history", "train", "--metric", "loss", "--buckets", "0");
    assertEquals(1, zero.code());
    assertEquals("mltrace: --buckets must be between 1 and 1000, got 0\n", zero.err());
    Result backwards =
        mltrace(
            "history",
            "train",
            "--metric",
            "loss",
            "--since",
            "2026-01-02",
            "--until",
            "2026-01-01");
    assertEquals(1, backwards.code());
    assertTrue(backwards.err().contains("must be before --until"), backwards.err());
  }
}
