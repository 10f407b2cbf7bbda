package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.ui.UiAccess;
import org.mltrace.collector.ui.UiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace ui}: serve the web UI until SIGTERM or Ctrl-C. */
@Command(
    name = "ui",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace ui --port 8321",
      "  mltrace ui --bind 0.0.0.0 --token \"$MLTRACE_UI_TOKEN\""
    },
    mixinStandardHelpOptions = true,
    description = {
      "Serve the web UI: components, history, runs, traces, review, alerts (docs/api.md).",
      "Binds to 127.0.0.1; another address needs --token, which every API call must carry."
    })
final class UiCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8321",
      description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:MLTRACE_UI_TOKEN}",
      description = {
        "Token every API call must carry (Authorization: Bearer TOKEN); required off loopback.",
        "Default: $MLTRACE_UI_TOKEN. Open the UI as http://HOST:PORT/#token=TOKEN."
      })
  String token;

  @Mixin DatabaseOption db;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    UiAccess access = UiAccess.of(bind, port, token);
    StopSignal stop = StopSignal.install();
    try (UiServer server = UiServer.start(db.url, access)) {
      spec.commandLine()
          .getOut()
          .println(
              "mltrace ui: serving "
                  + db.url
                  + " at "
                  + server.url()
                  + (token == null || token.isBlank()
                      ? ""
                      : " (token required: open " + server.url() + "#token=...)"));
      spec.commandLine().getOut().flush();
      while (!stop.getAsBoolean()) {
        Thread.sleep(200);
      }
    }
    return ExitCodes.OK;
  }
}
