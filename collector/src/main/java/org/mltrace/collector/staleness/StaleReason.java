package org.mltrace.collector.staleness;

/**
 * Why a run is stale, naming the dependency (the upstream run it read from) at fault; for {@code
 * retracted_input}, the run itself when it read the retracted data.
 *
 * @param kind which rule
 * @param dependencyRunId the upstream run the run depends on
 * @param dependencyComponent that run's component
 * @param detail the rule's facts, one line: ages, the fresher run, the failed trigger
 */
public record StaleReason(
    Kind kind, String dependencyRunId, String dependencyComponent, String detail) {

  public enum Kind {
    /**
     * The dependency ended more than the run's component's {@code stale_after} before it started.
     */
    OUTDATED_DEPENDENCY("outdated_dependency"),
    /** Another run of the dependency's component produced outputs between the two. */
    FRESHER_OUTPUT("fresher_output"),
    /** The dependency failed one of its triggers. */
    FAILED_TRIGGER("failed_trigger"),
    /**
     * The run read data carrying a retracted label (a deletion request), itself or through the
     * dependency named.
     */
    RETRACTED_INPUT("retracted_input");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The snake_case name used in JSON. */
    public String key() {
      return key;
    }
  }

  /** One line for people: {@code train-1 (train) ended 40d before this run started, ...}. */
  public String message() {
    return dependencyRunId + " (" + dependencyComponent + ") " + detail;
  }
}
