package org.mltrace.collector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.doctor.Doctor;
import org.mltrace.collector.doctor.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace doctor}: checks the setup and says what to do about each problem. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check the database, the queues, the trigger backlog, dead letters and free disk space, and "
          + "say what to do about each problem. Changes nothing.",
      "",
      "Checks: the database answers (within 5 s) and its schema version (Flyway) matches this "
          + "collector; each queue directory exists, is readable, and how many entries the "
          + "database has not stored yet (the lag behind the agents); runs waiting for their "
          + "triggers (more than an hour: a problem); dead letters; free space on the disks of the "
          + "H2 file and the queues (under 1 GiB: a problem, under 10%: a warning).",
      "",
      "Exits 0 when nothing is a problem (warnings allowed), 3 otherwise."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace doctor --queue /var/lib/mltrace/queue",
      "  mltrace doctor --db jdbc:postgresql://db:5432/mltrace?user=mltrace --json"
    })
final class DoctorCommand implements Callable<Integer> {
  @Mixin DatabaseOption db;

  @Option(
      names = "--queue",
      paramLabel = "DIR",
      description = {
        "A queue directory the agents write (as given to collect --queue); repeatable.",
        "Default: ./" + Installation.DEFAULT_QUEUE + " when it exists."
      })
  List<Path> queues = new ArrayList<>();

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<Path> dirs = new ArrayList<>(queues);
    if (dirs.isEmpty() && Files.isDirectory(Path.of(Installation.DEFAULT_QUEUE))) {
      dirs.add(Path.of(Installation.DEFAULT_QUEUE));
    }
    List<Finding> findings = Doctor.examine(db.url, dirs, Clock.systemUTC());
    if (json.json) {
      Output.print(
          spec,
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(findings));
    } else {
      Output.print(spec, DoctorText.render(findings, dirs.isEmpty()));
    }
    return Doctor.anyProblem(findings) ? ExitCodes.IO : ExitCodes.OK;
  }
}
