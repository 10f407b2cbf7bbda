package org.mltrace.collector.doctor;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.store.DatabaseProbe;

/**
 * {@code mltrace doctor}: every check, in the order a user would fix things (the database first,
 * because the queues' lag and the trigger backlog are read from it). Nothing is changed.
 */
public final class Doctor {
  private Doctor() {}

  /**
   * @param queues the queue directories to look at (those given to {@code collect --queue})
   */
  public static List<Finding> examine(String jdbcUrl, List<Path> queues, Clock clock) {
    List<Finding> findings = new ArrayList<>();
    DatabaseProbe.Result db = DatabaseProbe.probe(jdbcUrl);
    String queueHint =
        queues.isEmpty() ? "DIR" : queues.get(0).toAbsolutePath().normalize().toString();
    DatabaseChecks.check(db, clock.instant(), queueHint, findings::add);
    for (Path queue : queues) {
      QueueChecks.check(queue, db.currentVersion() == null ? null : db.positions(), findings::add);
    }
    List<Path> places = new ArrayList<>(queues);
    db.h2DataFile().ifPresent(f -> places.add(f.getParent()));
    DiskChecks.check(places, findings::add);
    return findings;
  }

  /** True when any finding is a problem: {@code doctor} then exits non-zero. */
  public static boolean anyProblem(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.PROBLEM);
  }
}
