package org.mltrace.collector.lineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;

/**
 * Decides which runs a run depends on, at ingest time.
 *
 * <p>The rule (from the MLTRACE paper): for each pointer the run read, the run it depends on is the
 * one that most recently wrote that same pointer and had finished by the time this run started
 * ({@code producer.end <= consumer.start}). Identifiers are compared exactly: a file path, a URI
 * and an in-memory id {@code mem://agent/Class@n} never match each other, and an in-memory id is
 * unique to one JVM, so in-memory objects link only runs of that JVM. A producer that ended after
 * the consumer started is not a dependency: it cannot have written what was read.
 *
 * <p>Files carry a content fingerprint (event format 2): when the consumer's and a producer's
 * fingerprints for the path are both known, they must be equal. A rerun that overwrote {@code
 * features.csv} outside mltrace's view therefore does not link its reader to the run that wrote the
 * older content; the reader links to the latest earlier producer of the same content, or to none.
 * Unknown fingerprints (format 1 events, directories, {@code capture: pointer}) match any.
 *
 * <p>Events from several agents or queues may arrive out of order, so a producer can be stored
 * after the runs that read its output. {@link #relinksFor} finds those consumers so the link can be
 * moved to the later producer; applying both methods for every stored run gives the same links
 * whatever the arrival order.
 */
public final class DependencyResolver {

  /**
   * The dependencies of {@code run}, one per distinct pointer among its inputs that has a producer,
   * in input order. Never fails on missing producers: those inputs just have no link.
   */
  public List<Dependency> dependenciesOf(RunEvent run, LineageIndex index) {
    Instant start = EventTimes.ofEpochMicros(run.startEpochMicros());
    List<Dependency> dependencies = new ArrayList<>();
    for (Map.Entry<String, String> read : pointers(run.inputs()).entrySet()) {
      String pointer = read.getKey();
      index
          .latestProducer(pointer, read.getValue(), start, run.runId())
          .ifPresent(p -> dependencies.add(new Dependency(run.runId(), p.runId(), pointer)));
    }
    return dependencies;
  }

  /**
   * The links that {@code producer}, just stored, takes over: for each pointer it wrote, every run
   * that read it (with a compatible fingerprint), started at or after the producer ended, and is
   * linked to no producer or to one that ended earlier (or at the same time with a smaller run id).
   */
  public List<Dependency> relinksFor(RunEvent producer, LineageIndex index) {
    Instant end = EventTimes.ofEpochMicros(producer.endEpochMicros());
    List<Dependency> relinks = new ArrayList<>();
    for (Map.Entry<String, String> written : pointers(producer.outputs()).entrySet()) {
      String pointer = written.getKey();
      for (LineageIndex.LinkedConsumer c :
          index.consumersSince(pointer, written.getValue(), end, producer.runId())) {
        if (isLaterThanLinked(producer.runId(), end, c)) {
          relinks.add(new Dependency(c.runId(), producer.runId(), pointer));
        }
      }
    }
    return relinks;
  }

  private static boolean isLaterThanLinked(
      String producerId, Instant producerEnd, LineageIndex.LinkedConsumer c) {
    if (c.linkedProducerId() == null) {
      return true;
    }
    int byTime = producerEnd.compareTo(c.linkedProducerEnd());
    return byTime > 0 || (byTime == 0 && producerId.compareTo(c.linkedProducerId()) > 0);
  }

  /** Each distinct pointer, in order, with its first known fingerprint (null when none). */
  private static Map<String, String> pointers(List<CapturedValue> values) {
    Map<String, String> pointers = new LinkedHashMap<>();
    for (CapturedValue v : values) {
      if (v.isPointer() && v.text() != null) {
        String known = pointers.get(v.text());
        pointers.put(v.text(), known != null ? known : v.fingerprint());
      }
    }
    return pointers;
  }
}
