package org.mltrace.collector.staleness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.testing.TriggerRows;

/**
 * The three staleness rules on hand-built rows, with a fixed clock. Subclasses give the database.
 *
 * <p>The pipeline, T0 = 2026-01-01T00:00Z, times after T0:
 *
 * <pre>
 * load-1       0h .. 1h     writes /data/raw.csv
 * featurize-1  11d .. 11d+1h   reads raw (load-1): 10d 23h after, featurize's stale_after is 10d
 * featurize-2  10d+1h .. +2h   reads raw (load-1): exactly 10d after, not stale
 * train-1      2h .. 3h     writes /m/model-v1.bin; fails after_run #0 overfitting, passes #1
 * train-2      4h .. 5h     writes /m/model-v2.bin (a fresher model)
 * train-3      5h .. 5h30   status failed, writes /m/model-v3.bin: not a fresher output
 * train-4      5h .. 5h40   ok, but its only output is NULL: not a fresher output
 * predict-0    3h30 .. 3h40 reads model-v1 (train-1) as 'model': before train-2 ended
 * predict-2    5h10 .. 5h20 reads model-v2 (train-2) as 'model': model-v2 is a newer 'model'
 * predict-3    5h35 .. 5h36 reads model-v3 (train-3, failed) as 'model'
 * predict-1    6h .. 6h10   reads model-v1 (train-1) as 'model': after train-2 ended
 * (one test adds train-old, 0h .. 1h, read by report-1 30d 1s and report-2 exactly 30d later)
 * </pre>
 */
abstract class StalenessContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TriggerRows rows;
  private Database session;

  abstract String url() throws Exception;

  void dropDatabase() throws Exception {}

  static Instant at(Duration d) {
    return T0.plus(d);
  }

  static Instant h(double hours) {
    return T0.plus(Duration.ofMinutes(Math.round(hours * 60)));
  }

  static Instant days(long d) {
    return T0.plus(Duration.ofDays(d));
  }

  @BeforeEach
  void build() throws Exception {
    String url = url();
    rows = TriggerRows.open(url);
    rows.component("load", null)
        .component("featurize", 10 * 86_400L)
        .component("train", null)
        .component("predict", null)
        .component("report", null);
    rows.run("load-1", "load", h(0), h(1)).output("load-1", 0, "POINTER", "/data/raw.csv");
    rows.run("featurize-1", "featurize", days(11), days(11).plusSeconds(3600))
        .dependency("featurize-1", "load-1", "/data/raw.csv");
    rows.run("featurize-2", "featurize", days(10).plusSeconds(3600), days(10).plusSeconds(7200))
        .dependency("featurize-2", "load-1", "/data/raw.csv");
    rows.run("train-1", "train", h(2), h(3)).output("train-1", 0, "POINTER", "/m/model-v1.bin");
    rows.result(
        "train-1",
        "train",
        "after_run",
        0,
        "overfitting",
        "fail",
        0.12,
        0.05,
        "train - validation = 0.12 > 0.05",
        false,
        h(3).plusSeconds(5));
    rows.result(
        "train-1",
        "train",
        "after_run",
        1,
        "metric_threshold",
        "pass",
        0.93,
        0.9,
        "accuracy 0.93 >= 0.9",
        true,
        h(3).plusSeconds(5));
    rows.run("train-2", "train", h(4), h(5)).output("train-2", 0, "POINTER", "/m/model-v2.bin");
    rows.run("train-3", "train", h(5), h(5.5), "failed")
        .output("train-3", 0, "POINTER", "/m/model-v3.bin");
    rows.run("train-4", "train", h(5), h(5 + 40 / 60.0)).output("train-4", 0, "NULL", null);
    rows.run("predict-0", "predict", h(3.5), h(3.5 + 10 / 60.0))
        .input("predict-0", 0, "model", "/m/model-v1.bin")
        .dependency("predict-0", "train-1", "/m/model-v1.bin");
    rows.run("predict-2", "predict", h(5 + 10 / 60.0), h(5 + 20 / 60.0))
        .input("predict-2", 0, "model", "/m/model-v2.bin")
        .dependency("predict-2", "train-2", "/m/model-v2.bin");
    rows.run("predict-3", "predict", h(5 + 35 / 60.0), h(5 + 36 / 60.0))
        .input("predict-3", 0, "model", "/m/model-v3.bin")
        .dependency("predict-3", "train-3", "/m/model-v3.bin");
    rows.run("predict-1", "predict", h(6), h(6 + 10 / 60.0))
        .input("predict-1", 0, "model", "/m/model-v1.bin")
        .dependency("predict-1", "train-1", "/m/model-v1.bin");
    session = TriggerRows.session(url);
  }

  @AfterEach
  void close() throws Exception {
    session.close();
    rows.close();
    dropDatabase();
  }

  private List<StaleReason> reasons(String runId, Instant now) {
    return new StalenessService(session).reasons(runId, now);
  }

  @Test
  void aDependencyOlderThanTheComponentsStaleAfterIsOutdated() {
    assertEquals(
        List.of(
            new StaleReason(
                StaleReason.Kind.OUTDATED_DEPENDENCY,
                "load-1",
                "load",
                "ended 10d 23h before this run started (stale_after of featurize: 10d)")),
        reasons("featurize-1", days(20)));
    assertEquals(
        "load-1 (load) ended 10d 23h before this run started (stale_after of featurize: 10d)",
        reasons("featurize-1", days(20)).get(0).message());
  }

  @Test
  void exactlyStaleAfterIsNotYetOutdated() {
    assertEquals(List.of(), reasons("featurize-2", days(20)));
  }

  @Test
  void withoutADeclarationStaleAfterIs30Days() throws Exception {
    rows.run("train-old", "train", h(0), h(1)).output("train-old", 0, "POINTER", "/m/old.bin");
    rows.run("report-1", "report", days(30).plusSeconds(3601), days(32))
        .dependency("report-1", "train-old", "/m/old.bin");
    rows.run("report-2", "report", days(30).plusSeconds(3600), days(32))
        .dependency("report-2", "train-old", "/m/old.bin");
    // train-1 and -2 ended after train-old and before report-1 started, but no report run read
    // their models, so they are newer runs of train, not newer versions of what report read.
    assertEquals(
        List.of(
            new StaleReason(
                StaleReason.Kind.OUTDATED_DEPENDENCY,
                "train-old",
                "train",
                "ended 30d 1s before this run started (stale_after of report: 30d)")),
        reasons("report-1", days(40)));
    assertEquals(List.of(), reasons("report-2", days(40)));
  }

  @Test
  void aFresherOutputOfTheProducingComponentMakesTheReaderStale() {
    // train-2 ended at 5h, after train-1 (3h) and before predict-1 started (6h), and its model was
    // read as 'model' by predict-2: a newer version of what predict-1 read. train-3 failed (though
    // predict-3 read its model) and train-4 output only NULL, so neither counts although they
    // ended later than train-2. train-1's failed overfitting trigger is the second reason.
    assertEquals(
        List.of(
            new StaleReason(
                StaleReason.Kind.FRESHER_OUTPUT,
                "train-1",
                "train",
                "was superseded by train-2, which wrote a newer 'model' for predict after it and"
                    + " before this run started"),
            new StaleReason(
                StaleReason.Kind.FAILED_TRIGGER,
                "train-1",
                "train",
                "failed trigger overfitting (after_run #0): train - validation = 0.12 > 0.05")),
        reasons("predict-1", h(7)));
  }

  @Test
  void aNewerModelNoReaderHasLoadedYetIsNoNewerVersion() {
    // As of 5h05, train-2 has ended but predict-2 has not started: nothing read model-v2 as a
    // 'model' yet, so a predict run that read model-v1 then was only stale for the failed trigger.
    assertEquals(
        List.of(StaleReason.Kind.FAILED_TRIGGER),
        reasons("predict-1", h(5 + 5 / 60.0)).stream().map(StaleReason::kind).toList());
  }

  @Test
  void aComponentRunTwiceInOnePipelineDoesNotSupersedeItself() throws Exception {
    // Tribuo materializes its train split and then its test split with the same component; the
    // trainer reads only the train split. The test split is a newer run of materialize, not a newer
    // version of what the trainer read.
    rows.component("materialize", null).component("trainer", null).component("evaluate", null);
    rows.run("materialize-4", "materialize", days(2), days(2).plusSeconds(60))
        .output("materialize-4", 0, "POINTER", "mem://jvm-1/MutableDataset@4");
    rows.run("materialize-6", "materialize", days(2).plusSeconds(120), days(2).plusSeconds(180))
        .output("materialize-6", 0, "POINTER", "mem://jvm-1/MutableDataset@6");
    rows.run("trainer-5", "trainer", days(2).plusSeconds(240), days(2).plusSeconds(600))
        .input("trainer-5", 0, "dataset", "mem://jvm-1/MutableDataset@4")
        .dependency("trainer-5", "materialize-4", "mem://jvm-1/MutableDataset@4");
    rows.run("evaluate-7", "evaluate", days(2).plusSeconds(660), days(2).plusSeconds(700))
        .input("evaluate-7", 0, "testSet", "mem://jvm-1/MutableDataset@6")
        .dependency("evaluate-7", "materialize-6", "mem://jvm-1/MutableDataset@6");
    assertEquals(List.of(), reasons("trainer-5", days(3)));
    assertEquals(List.of(), reasons("evaluate-7", days(3)));
  }

  @Test
  void aFileRewrittenAfterTheReadContentWasWrittenMakesTheReaderStale() throws Exception {
    // use-1 read the content clean-1 wrote (by fingerprint), although clean-2 had rewritten the
    // same path before use-1 started: a newer version of that very file existed.
    fileRewrittenBeforeUse();
    assertEquals(
        List.of(
            new StaleReason(
                StaleReason.Kind.FRESHER_OUTPUT,
                "clean-1",
                "clean",
                "was superseded by clean-2, which rewrote /d/f.csv after it and before this run"
                    + " started")),
        reasons("use-1", days(3)));
  }

  /**
   * clean-1 writes /d/f.csv at 2d+1m, clean-2 rewrites it at 2d+3m, use-1 reads clean-1's at 2d+4m.
   */
  private void fileRewrittenBeforeUse() throws Exception {
    rows.component("clean", null).component("use", null);
    rows.run("clean-1", "clean", days(2), days(2).plusSeconds(60))
        .output("clean-1", 0, "POINTER", "/d/f.csv");
    rows.run("clean-2", "clean", days(2).plusSeconds(120), days(2).plusSeconds(180))
        .output("clean-2", 0, "POINTER", "/d/f.csv");
    rows.run("use-1", "use", days(2).plusSeconds(240), days(2).plusSeconds(300))
        .input("use-1", 0, "in", "/d/f.csv")
        .dependency("use-1", "clean-1", "/d/f.csv");
  }

  @Test
  void ofTwoRewritesThatEndedTogetherTheGreatestRunIdIsNamed() throws Exception {
    // clean-10 is stored after clean-2, so its run key is the greater (V048): the tie still goes
    // to the greater run id, as it did before runs had keys
    fileRewrittenBeforeUse();
    rows.run("clean-10", "clean", days(2).plusSeconds(150), days(2).plusSeconds(180))
        .output("clean-10", 0, "POINTER", "/d/f.csv");
    assertEquals(
        List.of("clean-2"),
        reasons("use-1", days(3)).stream()
            .map(r -> r.detail().substring("was superseded by ".length(), r.detail().indexOf(',')))
            .toList());
  }

  @Test
  void aRewriteThatEndsAfterNowIsNotSeenYet() throws Exception {
    // As of a moment before use-1 started: clean-2 rewrote /d/f.csv inside use-1's window but is
    // seen only once it has ended by now (the window's end, use-1's start, is later than now).
    fileRewrittenBeforeUse();
    assertEquals(List.of(), reasons("use-1", days(2).plusSeconds(179)));
    assertEquals(
        List.of(StaleReason.Kind.FRESHER_OUTPUT),
        reasons("use-1", days(2).plusSeconds(180)).stream().map(StaleReason::kind).toList());
  }

  @Test
  void runsThatReadOrDeriveFromRetractedDataAreStaleForRetractedInput() throws Exception {
    // featurize-2 read /data/raw.csv; train-9 derives from featurize-2; client-9's data is
    // /data/raw.csv, retracted on day 12.
    rows.input("featurize-2", 0, "raw", "/data/raw.csv");
    rows.run("train-9", "train", days(12), days(12).plusSeconds(60))
        .dependency("train-9", "featurize-2", "/d/features.csv");
    rows.label("/data/raw.csv", "client-9", days(9));
    assertEquals(List.of(), reasons("featurize-2", days(20)), "labelled, not retracted");
    rows.retract("client-9", days(15));
    assertEquals(
        List.of(
            new StaleReason(
                StaleReason.Kind.RETRACTED_INPUT,
                "featurize-2",
                "featurize",
                "read /data/raw.csv, labelled 'client-9', whose retraction (a deletion request)"
                    + " was recorded at 2026-01-16T00:00:00Z")),
        reasons("featurize-2", days(20)));
    assertEquals(
        List.of(
            new StaleReason(
                StaleReason.Kind.RETRACTED_INPUT,
                "featurize-2",
                "featurize",
                "derives from /data/raw.csv, labelled 'client-9', whose retraction (a deletion"
                    + " request) was recorded at 2026-01-16T00:00:00Z")),
        reasons("train-9", days(20)));
    assertEquals(List.of(), reasons("train-9", days(14)), "as of before the retraction");
    assertEquals(
        List.of(StaleReason.Kind.FRESHER_OUTPUT, StaleReason.Kind.FAILED_TRIGGER),
        reasons("predict-1", days(20)).stream().map(StaleReason::kind).toList(),
        "a run outside the derived set is untouched");
  }

  @Test
  void aRunThatReadBeforeTheFresherOutputExistedIsOnlyStaleForTheFailedTrigger() {
    assertEquals(
        List.of(StaleReason.Kind.FAILED_TRIGGER),
        reasons("predict-0", h(7)).stream().map(StaleReason::kind).toList());
  }

  @Test
  void factsAfterNowAreNotSeen() throws Exception {
    // A trigger of train-1 evaluated a day later (a slow engine, a re-evaluation).
    rows.result("train-1", "train", "after_run", 2, "psi", "fail", 0.4, 0.2, null, false, days(1));
    assertEquals(2, reasons("predict-1", h(7)).size());
    List<StaleReason> later = reasons("predict-1", days(2));
    assertEquals(3, later.size());
    assertEquals(
        new StaleReason(
            StaleReason.Kind.FAILED_TRIGGER,
            "train-1",
            "train",
            "failed trigger psi (after_run #2)"),
        later.get(2));
  }

  @Test
  void aRunWithoutDependenciesOrUnknownIsNotStale() {
    assertEquals(List.of(), reasons("load-1", h(7)));
    assertEquals(List.of(), reasons("no-such-run", h(7)));
  }

  @Test
  void staleLatestRunsListsEachComponentsLatestRunWhenStale() {
    Clock clock = Clock.fixed(days(20), ZoneOffset.UTC);
    List<StaleRun> stale = new StalenessService(session).staleLatestRuns(clock.instant());
    // Latest runs: load-1 (fresh), featurize-1 (11d, outdated), train-4 (no dependencies),
    // predict-1 (fresher output + failed trigger); report has no run.
    assertEquals(List.of("featurize-1", "predict-1"), stale.stream().map(StaleRun::runId).toList());
    assertEquals(days(11), stale.get(0).start());
    assertEquals("predict", stale.get(1).component());
    assertEquals(2, stale.get(1).reasons().size());

    // At 10d+1h30 featurize-1 has not started: featurize-2 is the latest, and it is fresh.
    List<StaleRun> earlier =
        new StalenessService(session).staleLatestRuns(days(10).plusSeconds(5400));
    assertEquals(List.of("predict-1"), earlier.stream().map(StaleRun::runId).toList());
  }

  @Test
  void aBatchGivesEachRunTheAnswerItGetsAlone() {
    // Windows of several runs over the same upstream components are merged into one read; each run
    // must still get exactly its own reasons.
    List<String> all =
        List.of(
            "featurize-1", "featurize-2", "predict-0", "predict-1", "load-1", "train-2", "none");
    Map<String, List<StaleReason>> alone = new LinkedHashMap<>();
    for (String id : all) {
      List<StaleReason> r = reasons(id, days(20));
      if (!r.isEmpty()) {
        alone.put(id, r);
      }
    }
    Map<String, List<StaleReason>> batch = new StalenessService(session).reasons(all, days(20));
    assertEquals(alone, batch);
    assertEquals(List.of("featurize-1", "predict-0", "predict-1"), List.copyOf(batch.keySet()));
  }
}
