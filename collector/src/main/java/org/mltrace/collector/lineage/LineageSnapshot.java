package org.mltrace.collector.lineage;

import java.time.Instant;
import java.util.List;

/**
 * What the database knew, before a batch, about the pointers the batch reads and writes: fetched
 * with two queries per batch instead of two per run (see {@link BatchLineage}).
 *
 * @param producers for each pointer the batch reads, its most recent output rows (at most {@code
 *     producersPerPointer} per pointer, latest first by end time then run id)
 * @param consumers for each pointer the batch writes, the input rows of runs that started at or
 *     after the batch's earliest end, with the producer each is linked to for that pointer
 * @param producersPerPointer the cap on {@code producers} per pointer: a pointer with that many
 *     rows may have older producers that were not fetched
 */
public record LineageSnapshot(
    List<ProducerRow> producers, List<ConsumerRow> consumers, int producersPerPointer) {

  /** An output row: run {@code runId}, which ended at {@code end}, wrote {@code pointer}. */
  public record ProducerRow(String pointer, String fingerprint, String runId, Instant end) {}

  /**
   * An input row: run {@code runId}, started at {@code start}, read {@code pointer}, and is linked
   * for it to {@code linkedProducerId} (null when not linked) which ended at {@code
   * linkedProducerEnd}.
   */
  public record ConsumerRow(
      String pointer,
      String fingerprint,
      String runId,
      Instant start,
      String linkedProducerId,
      Instant linkedProducerEnd) {}
}
