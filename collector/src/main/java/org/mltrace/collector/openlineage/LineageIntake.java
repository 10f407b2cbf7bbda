package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.RunEvent;

/**
 * Accepts OpenLineage run events for one collector: keeps open runs in the {@link OpenRunJournal}
 * and appends each ended run, once, to the {@link LineageQueue} under the collector's queue
 * directory, which the same collector drains exactly once.
 *
 * <p>Durable before acknowledged: {@link #accept} returns only after the journal file or the queue
 * document is written, so a 2xx is never followed by a loss, even under SIGKILL. Idempotent: a
 * repeated {@code START} (same run id), a repeated identical {@code RUNNING}/{@code OTHER}, and any
 * event of a run already ended change nothing. Should the collector die between appending an ended
 * run and marking it closed, the client sees no 2xx and retries; the run is appended again and the
 * store skips it by its id ({@code component_runs.id}), so it is still stored once.
 *
 * <p>Calls are serialized (one lock): the journal and the queue appender are single-writer.
 */
public final class LineageIntake implements AutoCloseable {
  /** What an accepted event did. */
  public enum Outcome {
    /** The run is open (or still open) with this event kept. */
    OPENED,
    /** The run ended and was queued for storing. */
    QUEUED,
    /** A repeat, or an event of a run that already ended: nothing changed. */
    UNCHANGED
  }

  /** The journal's directory under the queue directory; not a queue (it holds no cycle files). */
  public static final String JOURNAL_DIR = "openlineage-runs";

  private final OpenRunJournal journal;
  private final LineageQueue queue;
  private long queued;

  private LineageIntake(OpenRunJournal journal, LineageQueue queue) {
    this.journal = journal;
    this.queue = queue;
  }

  /** For the collector draining {@code queueRoot}. */
  public static LineageIntake open(Path queueRoot, Clock clock) {
    Path root = queueRoot.toAbsolutePath().normalize();
    return new LineageIntake(
        OpenRunJournal.open(root.resolve(JOURNAL_DIR), clock.instant()), new LineageQueue(root));
  }

  /**
   * Checks {@code body} and takes it in.
   *
   * @throws InvalidLineageEventException if it is not a well-formed RunEvent, or ends a run before
   *     its start; nothing is kept then
   */
  public synchronized Outcome accept(byte[] body) {
    return accept(LineageEventParser.parse(body));
  }

  synchronized Outcome accept(LineageEvent event) {
    if (journal.isClosed(event.runId())) {
      return Outcome.UNCHANGED;
    }
    List<ObjectNode> keptJson = journal.events(event.runId());
    List<LineageEvent> kept = new ArrayList<>();
    for (ObjectNode json : keptJson) {
      kept.add(LineageEventParser.parse(json));
    }
    if (!event.type().ends()) {
      boolean repeat =
          kept.stream()
              .anyMatch(
                  k ->
                      event.type() == EventType.START
                          ? k.type() == EventType.START
                          : k.json().equals(event.json()));
      if (repeat) {
        return Outcome.UNCHANGED;
      }
      List<ObjectNode> updated = new ArrayList<>(keptJson);
      updated.add(event.json());
      journal.keep(event.runId(), updated);
      return Outcome.OPENED;
    }
    RunEvent run = RunEventMapper.toRun(kept, event);
    queue.append(EventCodec.encode(run));
    journal.close(event.runId(), event.type(), event.eventTime());
    queued++;
    return Outcome.QUEUED;
  }

  /** Runs ended and queued since this intake opened. */
  public synchronized long queuedRuns() {
    return queued;
  }

  /** Runs started and not yet ended. */
  public synchronized long openRuns() {
    return journal.openCount();
  }

  @Override
  public synchronized void close() {
    queue.close();
  }
}
