package org.mltrace.collector.query;

import java.time.Instant;

/**
 * A run derived from data whose label was retracted before the run started: the data should no
 * longer have been used.
 */
public record LabelWarning(String runId, String label, String pointer, Instant retractedAt) {

  /** One line for people. */
  public String message() {
    return "run "
        + runId
        + " derives from "
        + pointer
        + ", labelled '"
        + label
        + "', whose retraction was requested at "
        + retractedAt
        + ", before the run started";
  }
}
