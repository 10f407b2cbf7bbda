package org.mltrace.collector.truth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.store.JdbcTaskStore;
import org.mltrace.collector.store.PairRow;
import org.mltrace.collector.store.TaskDefinition;

/**
 * {@code mltrace feedback --file F}: a feedback file's labels joined to a task's predictions, in
 * one ingest transaction (on PostgreSQL under the same lock as the collectors' batches), then the
 * task evaluated once. Importing a file again changes nothing: each identifier keeps one label, the
 * latest by time (a file's lines without a time take the import's).
 */
public final class FeedbackImport {
  private FeedbackImport() {}

  /**
   * What an import did.
   *
   * @param joined labels whose identifier has a prediction (counted in the metrics)
   * @param waiting labels stored until a prediction of their identifier arrives
   * @param metrics the task's windowed metrics after the import (NaN when undefined)
   */
  public record Result(
      String task,
      int labels,
      int joined,
      int waiting,
      long labelled,
      Map<String, Double> metrics,
      List<AlertEvent> alerts) {}

  /** As below, on the database at {@code jdbcUrl} (which must exist), as of now. */
  public static Result run(String jdbcUrl, Path file, String task) {
    try (Database database = Database.open(jdbcUrl, Database.Access.EXISTING)) {
      return run(new JdbcIngestStore(database), file, task, Clock.systemUTC());
    }
  }

  /**
   * @param task the task's name, or null for the only task there is
   * @throws TaskException for an unknown task, or a file with bad lines (nothing is stored)
   */
  public static Result run(IngestStore store, Path file, String task, Clock clock) {
    return store.inTransaction(
        tx -> {
          Instant now = clock.instant();
          try (TaskIngest tasks = new TaskIngest(tx)) {
            TaskDefinition t = TaskLookup.find(tasks.tasks(), task);
            List<FeedbackCsv.Line> lines = FeedbackCsv.read(file, t.kind());
            long nowMicros = micros(now);
            int joined = 0;
            for (FeedbackCsv.Line l : lines) {
              long at = l.time() == null ? nowMicros : micros(l.time());
              tasks.label(t, l.id(), l.label(), at, file.getFileName() + ":" + l.number());
            }
            List<AlertEvent> alerts = new ArrayList<>(tasks.evaluate(now));
            TaskEvaluator.Evaluation e;
            try (JdbcTaskStore ledger = tx.tasks()) {
              for (FeedbackCsv.Line l : lines) {
                PairRow p = ledger.pair(t.name(), l.id());
                joined += p != null && p.joined() ? 1 : 0;
              }
              e = TaskEvaluator.evaluate(ledger, t, now);
            }
            return new Result(
                t.name(),
                lines.size(),
                joined,
                lines.size() - joined,
                e.labelled(),
                e.metrics(),
                alerts);
          }
        });
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
