package org.mltrace.collector.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.alert.AlertNotifier;
import org.mltrace.collector.alert.AlertSink;
import org.mltrace.collector.alert.AlertTracker;
import org.mltrace.collector.artifact.ArtifactLocations;
import org.mltrace.collector.evaluation.TriggerEngine;
import org.mltrace.collector.evaluation.TriggerRegistry;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.ingest.DrainResult;
import org.mltrace.collector.listener.ListenerAccess;
import org.mltrace.collector.listener.ListenerServer;
import org.mltrace.collector.listener.ListenerServices;
import org.mltrace.collector.metrics.CollectorMetrics;
import org.mltrace.collector.openlineage.LineageIntake;
import org.mltrace.collector.openlineage.OpenLineageForwarder;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mltrace collect --queue DIR [--once]}: drains an agent's queue into the database. */
@Command(
    mixinStandardHelpOptions = true,
    name = "collect",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace collect --queue /var/lib/mltrace/queue --once",
      "  mltrace collect --queue /var/lib/mltrace/queue --alert-webhook https://hooks.example.com/mltrace"
    },
    description = {
      "Drain an agent's queue into the database.",
      "",
      "Each entry is stored exactly once, whatever stops the collector: rows and the queue "
          + "position are committed together. Follows the queue until SIGTERM or Ctrl-C (the batch in "
          + "hand is committed first), or with --once stops when nothing is left. Entries that do not "
          + "decode are kept in dead_letters. Prints a one-line summary.",
      "",
      "Runs whose component declares triggers are evaluated on a worker pool beside the drain "
          + "(never slowing it); with --once the command exits only after the triggers of "
          + "everything drained were evaluated."
    })
final class CollectCommand implements Callable<Integer> {
  /** How long --once waits for the alert sinks before printing its summary. */
  static final Duration ALERT_DELIVERY_WAIT = Duration.ofSeconds(30);

  @Mixin DatabaseOption db;
  @Mixin ProgressOption progress;

  @Option(
      names = "--queue",
      required = true,
      paramLabel = "DIR",
      description = "The agent's Chronicle queue directory.")
  Path queue;

  @Option(names = "--once", description = "Stop when the queue has no more entries.")
  boolean once;

  @Option(
      names = "--queue-retention",
      paramLabel = "AGE",
      defaultValue = "1d",
      converter = AgeConverter.class,
      description = {
        "Delete a queue's cycle files once every entry in them is stored and the cycle ended "
            + "AGE ago (90d, 12h, 30m, 0 = as soon as stored). Default: ${DEFAULT-VALUE}.",
        "The cycle an agent appends to is never deleted; the queue of an agent that exited is "
            + "removed once all of it is stored and AGE old."
      })
  Duration queueRetention;

  @Option(
      names = "--artifacts",
      paramLabel = "DIR",
      description = {
        "The artifact store: files of variables marked 'snapshot: true' are copied here, once "
            + "per content. Default: artifacts/ beside the H2 database file "
            + "(./mltrace-data/artifacts for PostgreSQL)."
      })
  Path artifacts;

  @Option(
      names = "--artifact-max-mb",
      paramLabel = "MB",
      defaultValue = "512",
      description =
          "Snapshot files larger than this are skipped (and counted). Default: ${DEFAULT-VALUE}.")
  long artifactMaxMb;

  @Option(
      names = "--trigger-threads",
      paramLabel = "N",
      defaultValue = "2",
      description = "Worker threads evaluating triggers. Default: ${DEFAULT-VALUE}.")
  int triggerThreads;

  @Option(
      names = "--trigger-timeout",
      paramLabel = "AGE",
      defaultValue = "10s",
      converter = AgeConverter.class,
      description =
          "Time limit of one trigger evaluation (10s, 2m, PT0.5S); past it the result is 'error'. "
              + "Default: ${DEFAULT-VALUE}.")
  Duration triggerTimeout;

  @Option(
      names = "--plugins",
      paramLabel = "DIR_OR_JAR",
      description =
          "A jar, or a directory of jars, holding user triggers listed in "
              + "META-INF/services/org.mltrace.collector.trigger.Trigger (YAML: '- user: NAME').")
  Path plugins;

  @Mixin AlertSinkOptions alertSinks;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = {
        "Also serve HTTP at HOST:PORT (port 0 picks a free one): POST /api/v1/lineage takes "
            + "OpenLineage run events, GET /metrics answers Prometheus, POST /api/v1/feedback, "
            + "/api/v1/flag and /api/v1/note log from any language (docs/integrations.md). "
            + "Not with --once."
      })
  String listen;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:MLTRACE_LISTEN_TOKEN}",
      description = {
        "Token every request to --listen must carry (Authorization: Bearer TOKEN); required off "
            + "loopback. Default: $MLTRACE_LISTEN_TOKEN."
      })
  String token;

  @Option(
      names = "--openlineage-url",
      paramLabel = "URL",
      description = {
        "Send each stored run, as it is stored, to this OpenLineage endpoint (URL/api/v1/lineage, "
            + "as Marquez serves it) as START and COMPLETE/FAIL events: at least once, in order, "
            + "retried with back-off. Not with --once."
      })
  URI openlineageUrl;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (artifactMaxMb < 0) {
      throw new ParameterException(
          spec.commandLine(), "--artifact-max-mb must be 0 or more, got " + artifactMaxMb);
    }
    if (triggerThreads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--trigger-threads must be at least 1, got " + triggerThreads);
    }
    if (triggerTimeout.isZero()) {
      throw new ParameterException(spec.commandLine(), "--trigger-timeout must be more than 0");
    }
    if (listen != null && once) {
      throw new ParameterException(
          spec.commandLine(), "--listen serves while collect follows the queue; drop --once");
    }
    ListenerAccess listenerAccess = listen == null ? null : ListenerAccess.of(listen, token);
    if (openlineageUrl != null
        && (once
            || !("http".equals(openlineageUrl.getScheme())
                || "https".equals(openlineageUrl.getScheme())))) {
      throw new ParameterException(
          spec.commandLine(),
          once
              ? "--openlineage-url forwards while collect follows the queue; drop --once"
              : "--openlineage-url must be an http(s) URL, got " + openlineageUrl);
    }
    List<AlertSink> sinks = alertSinks.sinks();
    TriggerRegistry registry = TriggerRegistry.load(plugins);
    Path store = artifacts != null ? artifacts : ArtifactLocations.defaultFor(db.url);
    // Closed after the collector (whose engine tells it), so that queued alerts are still sent.
    try (AlertTracker alerts = AlertTracker.open(db.url, new AlertNotifier(sinks));
        Collector collector =
            Collector.open(db.url)
                .retainingQueues(queueRetention)
                .notifyingTaskAlerts(alerts.notifier())
                .snapshottingTo(store, artifactMaxMb * 1024 * 1024)
                .evaluatingTriggers(
                    registry,
                    TriggerEngine.Settings.DEFAULT.with(triggerThreads, triggerTimeout),
                    alerts)) {
      DrainResult r;
      if (once) {
        r = collector.reportingTo(progress.progress()).drain(queue);
        collector.evaluateTriggers();
        alerts.notifier().awaitIdle(ALERT_DELIVERY_WAIT);
      } else {
        try (OpenLineageForwarder forwarder =
            openlineageUrl == null
                ? null
                : OpenLineageForwarder.start(db.url, openlineageUrl, queue)) {
          r =
              listenerAccess != null
                  ? followListening(collector, listenerAccess, alerts.notifier(), forwarder)
                  : collector.follow(queue, StopSignal.install());
          if (forwarder != null) {
            spec.commandLine()
                .getOut()
                .println(
                    "forwarded "
                        + forwarder.forwarded()
                        + " runs to "
                        + openlineageUrl
                        + (forwarder.failures() > 0
                            ? " (" + forwarder.failures() + " failed sends retried)"
                            : ""));
          }
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "stored "
              + r.stored()
              + " events ("
              + r.runs()
              + " runs), dead-lettered "
              + r.deadLettered()
              + (r.duplicates() > 0 ? ", skipped " + r.duplicates() + " duplicate runs" : "")
              + " from "
              + queue.toAbsolutePath().normalize()
              + " into "
              + collector.databaseUrl());
      String artifactSummary = collector.artifactSummary();
      if (artifactSummary != null) {
        out.println(artifactSummary);
      }
      String triggerSummary = collector.triggerSummary();
      if (triggerSummary != null) {
        out.println(triggerSummary);
      }
      String alertSummary = alerts.summary();
      if (alertSummary != null) {
        out.println(alertSummary);
      }
      if (collector.retentionDeletedAnything()) {
        out.println(collector.retentionSummary());
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  /**
   * Follows the queue with the listener up; what it takes in after the last batch waits in its
   * queue for the next start.
   */
  private DrainResult followListening(
      Collector collector,
      ListenerAccess access,
      AlertNotifier alerts,
      OpenLineageForwarder forwarder) {
    StopSignal stop = StopSignal.install();
    LineageIntake intake = LineageIntake.open(queue, Clock.systemUTC());
    CollectorMetrics metrics =
        CollectorMetrics.open(db.url, queue, Clock.systemUTC())
            .withGauge(
                "mltrace_openlineage_runs_open",
                "OpenLineage runs started and not ended yet.",
                intake::openRuns)
            .withCounter(
                "mltrace_openlineage_runs_queued",
                "OpenLineage runs ended and queued for storing since this collector started.",
                intake::queuedRuns);
    if (forwarder != null) {
      metrics
          .withCounter(
              "mltrace_openlineage_forwarded_runs",
              "Runs sent to --openlineage-url since this collector started.",
              forwarder::forwarded)
          .withCounter(
              "mltrace_openlineage_forward_failures",
              "Sends to --openlineage-url that failed and were retried.",
              forwarder::failures);
    }
    ListenerServices services =
        new ListenerServices(intake, metrics, QueryService.open(db.url), db.url, alerts::submit);
    try (ListenerServer listener = ListenerServer.start(access, services)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "listening on "
              + listener.url()
              + " (POST /api/v1/lineage, GET /metrics, POST /api/v1/feedback, flag, note)");
      out.flush();
      return collector.follow(queue, stop);
    }
  }
}
