package org.mltrace.collector.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.artifact.ArtifactService;
import org.mltrace.collector.artifact.ArtifactStore;
import org.mltrace.collector.store.ArtifactSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace artifact RUN VAR --out FILE} and {@code mltrace artifact --list}. */
@Command(
    name = "artifact",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace artifact 3f9c2a1b7d40-17 return --out /tmp/model-then.bin",
      "  mltrace artifact --list --limit 5"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Restore or list artifact snapshots (variables marked 'snapshot: true').",
      "",
      "RUN VAR --out FILE writes the file variable VAR of run RUN had, as the collector copied it "
          + "(an output of that name first, else an input). --list shows the store's use and the "
          + "latest snapshots, skipped ones with why."
    })
final class ArtifactCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run id.")
  String runId;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VAR", description = "The variable name.")
  String variable;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the file (must not exist).")
  Path out;

  @Option(names = "--list", description = "List the store's use and the latest snapshots.")
  boolean list;

  @Mixin LimitOption limit;

  @Option(
      names = "--artifacts",
      paramLabel = "DIR",
      description = "The artifact store (default: artifacts/ beside the H2 database file).")
  Path artifacts;

  @Mixin DatabaseOption db;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (list == (runId != null)) {
      throw new ParameterException(spec.commandLine(), "give either RUN VAR --out FILE or --list");
    }
    if (!list && (variable == null || out == null)) {
      throw new ParameterException(spec.commandLine(), "RUN needs VAR and --out FILE");
    }
    if (!list && Files.exists(out)) {
      throw new ParameterException(spec.commandLine(), out + " exists; not overwriting it");
    }
    try (ArtifactService artifacts = ArtifactService.open(db.url, this.artifacts)) {
      if (list) {
        Output.print(spec, listing(artifacts));
      } else {
        ArtifactSnapshot s = artifacts.restore(runId, variable, out);
        Output.print(
            spec,
            "wrote "
                + out
                + " ("
                + s.size()
                + " bytes, "
                + s.hash()
                + "): "
                + s.direction()
                + " "
                + s.name()
                + " of run "
                + s.runId()
                + ", was "
                + s.pointerId());
      }
    }
    return ExitCodes.OK;
  }

  private String listing(ArtifactService artifacts) {
    ArtifactStore.Usage u = artifacts.usage();
    StringBuilder sb =
        new StringBuilder()
            .append("artifact store ")
            .append(artifacts.storeDir())
            .append(": ")
            .append(u.files())
            .append(" files, ")
            .append(u.bytes())
            .append(" bytes\n");
    List<ArtifactSnapshot> latest = artifacts.latest(limit.limit);
    if (latest.isEmpty()) {
      return sb.append("no snapshots recorded\n").toString();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("RUN", "VAR", "STATUS", "SIZE", "HASH", "DETAIL"));
    for (ArtifactSnapshot s : latest) {
      rows.add(
          List.of(
              s.runId(),
              s.name(),
              s.status(),
              s.size() == null ? "" : s.size().toString(),
              s.hash() == null ? "" : s.hash().substring(0, Math.min(19, s.hash().length())),
              s.detail() == null ? "" : s.detail()));
    }
    return sb.append(TableText.aligned(rows, "  ")).toString();
  }
}
