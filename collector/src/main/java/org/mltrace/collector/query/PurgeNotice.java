package org.mltrace.collector.query;

import java.time.Instant;

/**
 * A purge that blanked a run's values ({@code mltrace purge --label}), so {@code inspect} can tell
 * purged values from values never captured.
 */
public record PurgeNotice(
    long purgeId, String label, Instant purgedAt, String purgedBy, String reason) {

  /** {@code values purged by purge #1 of label 'client-9' by alice at T (reason: request 17)}. */
  public String message() {
    return "values purged by purge #"
        + purgeId
        + " of label '"
        + label
        + "' by "
        + purgedBy
        + " at "
        + purgedAt
        + (reason == null ? "" : " (reason: " + reason + ")");
  }
}
