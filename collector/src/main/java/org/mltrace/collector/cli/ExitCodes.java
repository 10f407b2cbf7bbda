package org.mltrace.collector.cli;

import java.io.PrintWriter;
import org.mltrace.collector.MltraceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place failures become exit codes: each is printed as one line, {@code mltrace: message},
 * on stderr; the stack trace only with {@code --debug}.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>usage: bad option or argument, refused or invalid SQL</td></tr>
 *   <tr><td>2</td><td>not found: unknown run id, output or component</td></tr>
 *   <tr><td>3</td><td>database or queue cannot be used</td></tr>
 *   <tr><td>4</td><td>internal error (a bug: please report it with the --debug output)</td></tr>
 * </table>
 */
final class ExitCodes implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int OK = 0;
  static final int USAGE = 1;
  static final int NOT_FOUND = 2;
  static final int IO = 3;
  static final int INTERNAL = 4;

  private static final Logger log = LoggerFactory.getLogger(ExitCodes.class);

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(
        "mltrace: "
            + oneLine(ex.getMessage())
            + " (see '"
            + cl.getCommandSpec().qualifiedName()
            + " --help')");
    if (isDebug(cl)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    int code;
    String message;
    if (ex instanceof MltraceException m) {
      code =
          switch (m.category()) {
            case USAGE -> USAGE;
            case NOT_FOUND -> NOT_FOUND;
            case IO -> IO;
          };
      message = oneLine(m.getMessage());
    } else if (ex instanceof ParameterException p) {
      return handleParseException(p, new String[0]);
    } else {
      code = INTERNAL;
      message =
          "internal error: "
              + oneLine(String.valueOf(ex))
              + " (rerun with --debug for the stack trace)";
    }
    err.println("mltrace: " + message);
    if (isDebug(cl)) {
      ex.printStackTrace(err);
    } else {
      log.debug("command failed", ex);
    }
    err.flush();
    return code;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.strip().lines().findFirst().orElse("unknown error");
  }

  /** True if {@code --debug} was given anywhere on the command line. */
  private static boolean isDebug(CommandLine cl) {
    CommandLine root = cl;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    for (ParseResult pr = root.getParseResult(); pr != null; pr = pr.subcommand()) {
      if (pr.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
