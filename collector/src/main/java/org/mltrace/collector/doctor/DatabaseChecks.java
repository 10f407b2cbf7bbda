package org.mltrace.collector.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.mltrace.collector.store.DatabaseProbe;

/** Findings about the database: reachable, schema version, pending triggers, dead letters. */
final class DatabaseChecks {
  /** Runs whose triggers wait longer than this mean no collector is evaluating them. */
  static final Duration STUCK_TRIGGERS = Duration.ofHours(1);

  private DatabaseChecks() {}

  static void check(DatabaseProbe.Result db, Instant now, String queueHint, Consumer<Finding> out) {
    if (!db.reachable()) {
      out.accept(
          Finding.problem("database", db.url(), db.connectError(), connectAdvice(db, queueHint)));
      return;
    }
    out.accept(
        Finding.ok(
            "database",
            db.url(),
            (db.postgres() ? "PostgreSQL" : "H2") + ", " + Sizes.human(db.sizeBytes())));
    if (!schema(db, queueHint, out)) {
      return;
    }
    triggers(db, now, queueHint, out);
    deadLetters(db, out);
  }

  private static String connectAdvice(DatabaseProbe.Result db, String queueHint) {
    if (db.h2DataFile().isPresent() && db.connectError().startsWith("no mltrace database")) {
      return "create it by collecting into it: 'mltrace collect --queue "
          + queueHint
          + " --once', or pass the right --db (or set MLTRACE_DB)";
    }
    if (db.postgres()) {
      return "start PostgreSQL or correct host, port, database, user and password in --db; "
          + "'pg_isready -h HOST -p PORT' tells whether the server answers";
    }
    return "check the --db URL (jdbc:h2:file:PATH or jdbc:postgresql://HOST:PORT/DB?user=U)";
  }

  /** False when there is no usable schema, so the counts below cannot be read. */
  private static boolean schema(DatabaseProbe.Result db, String queueHint, Consumer<Finding> out) {
    if (db.futureVersion() != null) {
      out.accept(
          Finding.problem(
              "schema",
              "V" + db.futureVersion(),
              "the database was upgraded by a newer mltrace (this one knows up to V"
                  + db.latestVersion()
                  + ")",
              "use the newer mltrace collector jar with this database"));
      return false;
    }
    if (db.failedMigration() != null) {
      out.accept(
          Finding.problem(
              "schema",
              "V" + db.failedMigration(),
              "a schema migration failed and was left half applied",
              "restore the database from a backup, or (PostgreSQL) fix the failed migration's "
                  + "objects by hand and delete its row from flyway_schema_history"));
      return false;
    }
    if (db.currentVersion() == null) {
      out.accept(
          Finding.problem(
              "schema",
              "none",
              "the database holds no mltrace schema",
              "run 'mltrace collect --queue " + queueHint + " --once', which creates it"));
      return false;
    }
    if (db.pendingMigrations() > 0) {
      out.accept(
          Finding.warning(
              "schema",
              "V" + db.currentVersion(),
              db.pendingMigrations()
                  + " migration(s) to V"
                  + db.latestVersion()
                  + " not applied yet (the queries need them)",
              "run 'mltrace collect --queue "
                  + queueHint
                  + " --once' (or any command): it upgrades the schema first"));
      return true;
    }
    out.accept(Finding.ok("schema", "V" + db.currentVersion(), "up to date"));
    return true;
  }

  private static void triggers(
      DatabaseProbe.Result db, Instant now, String queueHint, Consumer<Finding> out) {
    if (db.triggersPending() <= 0) {
      out.accept(Finding.ok("triggers", "trigger_pending", "no run waits for its triggers"));
      return;
    }
    Duration waited = Duration.between(db.oldestPendingTrigger(), now);
    String detail =
        db.triggersPending()
            + " run(s) wait for their triggers, the oldest for "
            + Sizes.duration(waited);
    String advice =
        "run 'mltrace collect --queue "
            + queueHint
            + " --once', which evaluates every pending run's triggers before it exits, or keep "
            + "'mltrace collect' running";
    out.accept(
        waited.compareTo(STUCK_TRIGGERS) > 0
            ? Finding.problem(
                "triggers", "trigger_pending", detail + ": no collector evaluates them", advice)
            : Finding.warning("triggers", "trigger_pending", detail, advice));
  }

  private static void deadLetters(DatabaseProbe.Result db, Consumer<Finding> out) {
    if (db.deadLetters() <= 0) {
      out.accept(Finding.ok("dead letters", "dead_letters", "none"));
      return;
    }
    out.accept(
        Finding.warning(
            "dead letters",
            "dead_letters",
            db.deadLetters()
                + " queue entries could not be stored, the newest received "
                + db.newestDeadLetter(),
            "read the reasons with mltrace sql \"SELECT queue_id, queue_index, reason FROM "
                + "dead_letters ORDER BY id DESC\"; entries from an agent newer than this collector"
                + " are stored after upgrading the collector and collecting them again"));
  }
}
