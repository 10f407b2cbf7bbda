package org.mltrace.collector.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.mltrace.collector.openlineage.OpenLineageExport;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace export openlineage [--since T] [--until T] [--out FILE|-]}. */
@Command(
    name = "openlineage",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace export openlineage --since 2026-01-01 --out runs.ndjson",
      "  mltrace export openlineage --since 1d --until 2026-12-01"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Write the stored runs as OpenLineage RunEvents, one JSON object a line: START at each run's "
          + "start, COMPLETE or FAIL at its end, in start order (docs/integrations.md)."
    })
final class ExportOpenLineageCommand implements Callable<Integer> {
  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description =
          "Only runs that started at or after TIME (2026-01-01T06:00:00Z, 2026-01-01, 7d).")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "Only runs that started before TIME.")
  Instant until;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "-",
      description = "Where to write (default: standard output).")
  String out;

  @Mixin DatabaseOption db;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long runs;
    try (QueryService queries = QueryService.open(db.url)) {
      if (out.equals("-")) {
        java.io.PrintWriter w = spec.commandLine().getOut();
        runs = write(queries, w, Path.of("-"));
        w.flush();
      } else {
        Path file = Path.of(out);
        try (Writer w =
            new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
          runs = write(queries, w, file);
        } catch (IOException e) {
          throw new FileWriteException(file, e);
        }
        spec.commandLine().getErr().println("exported " + runs + " runs to " + file);
      }
    }
    return ExitCodes.OK;
  }

  private long write(QueryService queries, Writer w, Path file) {
    try {
      return OpenLineageExport.write(queries, since, until, w);
    } catch (IOException e) {
      throw new FileWriteException(file, e);
    }
  }
}
