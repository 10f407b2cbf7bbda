/**
 * Alerts: a failing trigger declared with {@code alert: true} (the default for {@code
 * metric_threshold}) opens an alert, the next passing run of the same declaration resolves it, and
 * failures in between page nobody again. {@link AlertTracker} keeps that state in the {@code
 * alerts} table as the trigger engine commits results; {@link AlertNotifier} hands each opening and
 * resolution to the configured sinks ({@link WebhookSink}, {@link CommandSink}) off the engine's
 * thread. The rules, and the JSON the sinks receive, are in {@code docs/alerts.md}.
 */
package org.mltrace.collector.alert;
