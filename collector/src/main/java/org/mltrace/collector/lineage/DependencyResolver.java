package org.mltrace.collector.lineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    for (String pointer : pointers(run.inputs())) {
      index
          .latestProducer(pointer, start, run.runId())
          .ifPresent(p -> dependencies.add(new Dependency(run.runId(), p.runId(), pointer)));
    }
    return dependencies;
  }

  /**
   * The links that {@code producer}, just stored, takes over: for each pointer it wrote, every run
   * that read it, started at or after the producer ended, and is linked to no producer or to one
   * that ended earlier (or at the same time with a smaller run id).
   */
  public List<Dependency> relinksFor(RunEvent producer, LineageIndex index) {
    Instant end = EventTimes.ofEpochMicros(producer.endEpochMicros());
    List<Dependency> relinks = new ArrayList<>();
    for (String pointer : pointers(producer.outputs())) {
      for (LineageIndex.LinkedConsumer c : index.consumersSince(pointer, end, producer.runId())) {
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

  private static Set<String> pointers(List<CapturedValue> values) {
    Set<String> pointers = new LinkedHashSet<>();
    for (CapturedValue v : values) {
      if (v.isPointer() && v.text() != null) {
        pointers.add(v.text());
      }
    }
    return pointers;
  }
}
