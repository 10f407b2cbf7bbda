package org.mltrace.collector.trigger;

import java.util.List;
import java.util.Optional;

/**
 * What an evaluation may look at. The engine builds it from the database: the run and its
 * component's recent history are materialized once per component per batch, not per run, so a
 * trigger reading {@link #history()} costs no query.
 */
public interface TriggerContext {

  /** The declaration's arguments. */
  TriggerArgs args();

  /** Whether this is a {@code before_run} (inputs) or {@code after_run} (outputs) declaration. */
  Phase phase();

  /** The run being evaluated. */
  RunSnapshot run();

  /**
   * This component's runs that ended before this run started, newest first, at most the engine's
   * history depth (default 20; a declaration's {@code last: N} asks for more).
   */
  List<RunSnapshot> history();

  /** A stored run by id (a pinned reference), or empty when there is none. */
  Optional<RunSnapshot> runById(String runId);

  /**
   * Another component's runs that ended before this run started, newest first, at most {@code
   * limit} (train vs inference: the training component's input as the reference).
   */
  List<RunSnapshot> latestRunsOf(String component, int limit);

  /**
   * The pointers carrying a retracted label that this run or any run upstream of it read, by label
   * then pointer; empty when there are none (the default, for contexts built without a database).
   */
  default List<RetractedRead> retractedReads() {
    return List.of();
  }
}
