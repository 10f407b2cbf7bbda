package org.mltrace.collector.alert;

/** Somewhere alert openings and resolutions are sent: a webhook, a command. */
public interface AlertSink {

  /**
   * Delivers one event, retrying as the sink sees fit. Runs on the notifier's thread, never on the
   * ingest or trigger threads.
   *
   * @throws Exception when the event could not be delivered; the notifier counts and logs it
   */
  void send(AlertEvent event) throws Exception;

  /** What the sink is, for log lines: {@code webhook http://...}. */
  String describe();
}
