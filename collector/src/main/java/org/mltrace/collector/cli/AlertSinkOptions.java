package org.mltrace.collector.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.alert.AlertSink;
import org.mltrace.collector.alert.CommandSink;
import org.mltrace.collector.alert.WebhookSink;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The shared {@code --alert-webhook URL} and {@code --alert-command CMD} options of the commands
 * that open or resolve alerts ({@code collect}, {@code feedback}): the sinks they tell.
 */
final class AlertSinkOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--alert-webhook",
      paramLabel = "URL",
      description = {
        "POST each alert opening and resolution as JSON to this http(s) URL (docs/alerts.md); "
            + "retried twice, never slowing ingestion."
      })
  URI alertWebhook;

  @Option(
      names = "--alert-command",
      paramLabel = "CMD",
      description = {
        "Run 'sh -c CMD' for each alert opening and resolution, with the JSON on stdin and "
            + "MLTRACE_ALERT_* environment variables (docs/alerts.md)."
      })
  String alertCommand;

  /**
   * The sinks given, possibly none.
   *
   * @throws ParameterException for a webhook that is not an http(s) URL with a host, or an empty
   *     command
   */
  List<AlertSink> sinks() {
    List<AlertSink> sinks = new ArrayList<>();
    if (alertWebhook != null) {
      String scheme = alertWebhook.getScheme();
      if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          || alertWebhook.getHost() == null) {
        throw new ParameterException(
            mixee.commandLine(),
            "--alert-webhook must be an http:// or https:// URL with a host, got '"
                + alertWebhook
                + "'");
      }
      sinks.add(WebhookSink.withDefaults(alertWebhook));
    }
    if (alertCommand != null) {
      if (alertCommand.isBlank()) {
        throw new ParameterException(mixee.commandLine(), "--alert-command must not be empty");
      }
      sinks.add(new CommandSink(alertCommand, CommandSink.DEFAULT_TIMEOUT));
    }
    return sinks;
  }
}
