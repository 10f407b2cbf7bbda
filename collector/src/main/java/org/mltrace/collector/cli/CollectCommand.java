package org.mltrace.collector.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.ingest.DrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace collect --queue DIR [--once]}: drains an agent's queue into the database. */
@Command(
    mixinStandardHelpOptions = true,
    name = "collect",
    description = {
      "Drain an agent's queue into the database.",
      "",
      "Each entry is stored exactly once, whatever stops the collector: rows and the queue "
          + "position are committed together. Follows the queue until SIGTERM or Ctrl-C (the batch in "
          + "hand is committed first), or with --once stops when nothing is left. Entries that do not "
          + "decode are kept in dead_letters. Prints a one-line summary."
    })
final class CollectCommand implements Callable<Integer> {
  @Mixin DatabaseOption db;

  @Option(
      names = "--queue",
      required = true,
      paramLabel = "DIR",
      description = "The agent's Chronicle queue directory.")
  Path queue;

  @Option(names = "--once", description = "Stop when the queue has no more entries.")
  boolean once;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Collector collector = Collector.open(db.url)) {
      DrainResult r = once ? collector.drain(queue) : collector.follow(queue, StopSignal.install());
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
      out.flush();
    }
    return ExitCodes.OK;
  }
}
