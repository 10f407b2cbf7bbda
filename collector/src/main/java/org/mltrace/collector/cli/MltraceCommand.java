package org.mltrace.collector.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.mltrace.agent.event.ChronicleEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code mltrace}: the group command, and the collector jar's entry point. */
@Command(
    name = "mltrace",
    mixinStandardHelpOptions = true,
    versionProvider = MltraceCommand.Version.class,
    description =
        "Collects ML pipeline runs recorded by the mltrace agent and answers lineage questions.",
    subcommands = {
      InitCommand.class,
      DoctorCommand.class,
      CollectCommand.class,
      TraceCommand.class,
      InspectCommand.class,
      HistoryCommand.class,
      SqlCommand.class,
      RecentCommand.class,
      ComponentsCommand.class,
      TagsCommand.class,
      TagCommand.class,
      NoteCommand.class,
      FlagCommand.class,
      UnflagCommand.class,
      ImpactCommand.class,
      ReviewCommand.class,
      SliceCommand.class,
      LabelCommand.class,
      FeedbackCommand.class,
      TaskCommand.class,
      CompactCommand.class,
      PurgeCommand.class,
      ArtifactCommand.class,
      ExportCommand.class,
      AlertsCommand.class,
      StaleCommand.class,
      UiCommand.class,
      BenchCommand.class,
      GenerateCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace init",
      "  mltrace collect --queue mltrace-data/queue --once",
      "  mltrace trace /data/out/predictions.csv",
      "",
      "Every command takes --help. Exit codes: 0 ok, 1 usage, 2 not found, 3 database or queue "
          + "unusable, 4 internal error."
    })
public final class MltraceCommand implements Callable<Integer> {

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Log at debug level and print stack traces of failures to stderr.")
  boolean debug;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("mltrace: a command is required");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /**
   * Runs one command and exits with its code. Chronicle's properties must be set before any of its
   * classes load, and the log level before the first logger is made, so this happens first.
   */
  public static void main(String[] args) {
    ChronicleEnvironment.prepare();
    if (System.getProperty("h2.bindAddress") == null) {
      // AUTO_SERVER's H2 server would listen on all interfaces; other mltrace processes on this
      // host reach it on loopback (see store.Database#keepH2ServerLocal, which H2 may read too
      // late).
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
    if (Arrays.asList(args).contains("--debug")) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    PrintWriter out = utf8(FileDescriptor.out);
    PrintWriter err = utf8(FileDescriptor.err);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The configured command line, writing to {@code out} and {@code err} (tests capture them). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    ExitCodes exitCodes = new ExitCodes();
    return new CommandLine(new MltraceCommand())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(exitCodes)
        .setParameterExceptionHandler(exitCodes)
        .setUsageHelpAutoWidth(true);
  }

  private static PrintWriter utf8(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = MltraceCommand.class.getPackage().getImplementationVersion();
      return new String[] {"mltrace " + (v == null ? "(development build)" : v)};
    }
  }
}
