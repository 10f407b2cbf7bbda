package org.mltrace.collector.lineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;

/**
 * Resolves the dependencies of a whole batch of new runs with two database queries.
 *
 * <p>{@link DependencyResolver} asks two questions per run (who last wrote this pointer, who read
 * what this run wrote), and answering them with a query each made ingest cost a dozen round trips
 * per run. Here the batch's pointers are looked up once ({@link LineageSnapshot}), before any of
 * the batch is written, and the resolver runs unchanged, run by run in queue order, against an
 * index made of that snapshot, the batch's own runs and the links made so far in the batch. The
 * links are therefore exactly those that storing the runs one at a time would give.
 *
 * <p>The snapshot keeps only the latest {@value #PRODUCERS_PER_POINTER} producers of a pointer. A
 * question those cannot answer (every one of them ended too late, or wrote other content) goes to
 * {@code database}, which then holds no producer of the batch (its {@code run_writes} rows are
 * written after the links are resolved): the batch's own producers are added from memory.
 */
public final class BatchLineage {
  static final int PRODUCERS_PER_POINTER = 8;

  /** Looks up what the batch needs, and answers the questions the snapshot cannot. */
  public interface Store {
    /** What the database holds about these pointers; see {@link LineageSnapshot}. */
    LineageSnapshot lineageSnapshot(
        Collection<String> readPointers,
        Collection<String> writtenPointers,
        Instant consumersStartedAtOrAfter,
        int producersPerPointer);

    /** As {@link LineageIndex#latestProducer}, over the runs stored before the batch. */
    Optional<LineageIndex.Producer> latestProducer(
        String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId);
  }

  /**
   * The batch's links.
   *
   * @param links the final link of each (run, pointer) that has one, for runs of the batch and for
   *     runs stored before it that the batch's producers take over
   * @param replacing the subset of {@code links} whose run was stored before the batch: their old
   *     row must be replaced
   */
  public record Links(List<Dependency> links, List<Dependency> replacing) {}

  private final DependencyResolver resolver = new DependencyResolver();

  /** Resolves {@code runs} (new, in queue order) against {@code store} and each other. */
  public Links resolve(List<RunEvent> runs, Store store) {
    return prepare(runs, store).resolve(store);
  }

  /**
   * Reads the snapshot {@code runs} (new, in queue order) need from {@code store}; the rest of the
   * work is in memory ({@link Prepared}), so it can run on another thread while the database stores
   * the batch's other rows.
   */
  public Prepared prepare(List<RunEvent> runs, Store store) {
    return prepare(runs, Pointers.of(runs), store);
  }

  /** As {@link #prepare(List, Store)}, with the batch's pointers already collected. */
  public Prepared prepare(List<RunEvent> runs, Pointers pointers, Store store) {
    if (runs.isEmpty()) {
      return new Prepared(runs, null);
    }
    LineageSnapshot snapshot =
        store.lineageSnapshot(
            pointers.read(),
            pointers.written(),
            EventTimes.ofEpochMicros(pointers.earliestEndMicros()),
            PRODUCERS_PER_POINTER);
    return new Prepared(runs, snapshot);
  }

  /**
   * The pointers a batch reads and writes, each once in order of first mention, and the earliest
   * end of its runs: what its snapshot is looked up by. Touches no database, so the batch can be
   * collected on another thread before its transaction (a tenth of the transaction thread's work in
   * the bench, docs/performance.md session 19).
   */
  public record Pointers(Set<String> read, Set<String> written, long earliestEndMicros) {
    public static Pointers of(List<RunEvent> runs) {
      Set<String> read = new LinkedHashSet<>();
      Set<String> written = new LinkedHashSet<>();
      long earliestEnd = Long.MAX_VALUE;
      for (RunEvent r : runs) {
        addPointers(r.inputs(), read);
        addPointers(r.outputs(), written);
        earliestEnd = Math.min(earliestEnd, r.endEpochMicros());
      }
      return new Pointers(read, written, earliestEnd);
    }
  }

  /** A batch of runs with the snapshot of what the database held before it. */
  public final class Prepared {
    private final List<RunEvent> runs;
    private final LineageSnapshot snapshot;

    private Prepared(List<RunEvent> runs, LineageSnapshot snapshot) {
      this.runs = List.copyOf(runs);
      this.snapshot = snapshot;
    }

    /**
     * The batch's links. {@code database} answers the questions the snapshot cannot; it must still
     * hold no {@code run_writes} row of the batch (it may hold the batch's other rows).
     */
    public Links resolve(Store database) {
      if (runs.isEmpty()) {
        return new Links(List.of(), List.of());
      }
      Index index = new Index(snapshot, database);
      for (RunEvent r : runs) {
        index.add(r);
        resolver.dependenciesOf(r, index).forEach(index::link);
        resolver.relinksFor(r, index).forEach(index::link);
      }
      return index.links();
    }

    /**
     * The batch's links from the snapshot alone, touching no database, so any thread may call it;
     * empty when a question needs the database (a pointer with more producers than the snapshot
     * keeps, none of them suitable), and {@link #resolve} must then be called instead.
     */
    public Optional<Links> resolveFromSnapshot() {
      try {
        return Optional.of(resolve(SnapshotOnly.STORE));
      } catch (SnapshotOnly.NeedsDatabase e) {
        return Optional.empty();
      }
    }
  }

  /** A store that answers nothing: asking it ends {@link Prepared#resolveFromSnapshot}. */
  private static final class SnapshotOnly implements Store {
    static final SnapshotOnly STORE = new SnapshotOnly();

    @Override
    public LineageSnapshot lineageSnapshot(
        Collection<String> readPointers,
        Collection<String> writtenPointers,
        Instant consumersStartedAtOrAfter,
        int producersPerPointer) {
      throw new NeedsDatabase();
    }

    @Override
    public Optional<LineageIndex.Producer> latestProducer(
        String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId) {
      throw new NeedsDatabase();
    }

    /** Thrown through the resolver: not an error, so without a stack trace. */
    static final class NeedsDatabase extends RuntimeException {
      NeedsDatabase() {
        super("the snapshot cannot answer", null, false, false);
      }
    }
  }

  private static void addPointers(List<CapturedValue> values, Set<String> into) {
    for (CapturedValue v : values) {
      if (v.isPointer() && v.text() != null) {
        into.add(v.text());
      }
    }
  }

  static boolean compatible(String wanted, String rowFingerprint) {
    return wanted == null || rowFingerprint == null || wanted.equals(rowFingerprint);
  }

  /** The snapshot plus the batch so far, answering as the database would after each run. */
  private static final class Index implements LineageIndex {
    private final Store database;
    private final int cap;
    private final Map<String, List<LineageSnapshot.ProducerRow>> storedProducers = new HashMap<>();
    private final Map<String, List<LineageSnapshot.ConsumerRow>> storedConsumers = new HashMap<>();
    private final Map<String, List<LineageSnapshot.ProducerRow>> batchProducers = new HashMap<>();
    private final Map<String, List<LineageSnapshot.ConsumerRow>> batchConsumers = new HashMap<>();
    private final Set<String> batchRunIds = new HashSet<>();

    /** The end time of every producer this index has seen, to report a link's producer end. */
    private final Map<String, Instant> ends = new HashMap<>();

    /** (run id, pointer) → the link made in this batch, in the order made. */
    private final Map<List<String>, Dependency> links = new LinkedHashMap<>();

    Index(LineageSnapshot snapshot, Store database) {
      this.database = database;
      this.cap = snapshot.producersPerPointer();
      for (LineageSnapshot.ProducerRow p : snapshot.producers()) {
        storedProducers.computeIfAbsent(p.pointer(), k -> new ArrayList<>()).add(p);
        ends.put(p.runId(), p.end());
      }
      for (LineageSnapshot.ConsumerRow c : snapshot.consumers()) {
        storedConsumers.computeIfAbsent(c.pointer(), k -> new ArrayList<>()).add(c);
      }
    }

    void add(RunEvent r) {
      Instant start = EventTimes.ofEpochMicros(r.startEpochMicros());
      Instant end = EventTimes.ofEpochMicros(r.endEpochMicros());
      batchRunIds.add(r.runId());
      ends.put(r.runId(), end);
      for (CapturedValue v : r.outputs()) {
        if (v.isPointer() && v.text() != null) {
          batchProducers
              .computeIfAbsent(v.text(), k -> new ArrayList<>())
              .add(new LineageSnapshot.ProducerRow(v.text(), v.fingerprint(), r.runId(), end));
        }
      }
      for (CapturedValue v : r.inputs()) {
        if (v.isPointer() && v.text() != null) {
          batchConsumers
              .computeIfAbsent(v.text(), k -> new ArrayList<>())
              .add(
                  new LineageSnapshot.ConsumerRow(
                      v.text(), v.fingerprint(), r.runId(), start, null, null));
        }
      }
    }

    void link(Dependency d) {
      links.put(List.of(d.runId(), d.pointerId()), d);
    }

    Links links() {
      List<Dependency> all = new ArrayList<>(links.values());
      List<Dependency> replacing = new ArrayList<>();
      for (Dependency d : all) {
        if (!batchRunIds.contains(d.runId())) {
          replacing.add(d);
        }
      }
      return new Links(all, replacing);
    }

    @Override
    public Optional<Producer> latestProducer(
        String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId) {
      Producer best = null;
      List<LineageSnapshot.ProducerRow> stored = storedProducers.getOrDefault(pointerId, List.of());
      for (LineageSnapshot.ProducerRow p : stored) { // latest first: the first match is the best
        if (qualifies(p, fingerprint, endedAtOrBefore, excludedRunId)) {
          best = new Producer(p.runId(), p.end());
          break;
        }
      }
      if (best == null && stored.size() >= cap) {
        best =
            database
                .latestProducer(pointerId, fingerprint, endedAtOrBefore, excludedRunId)
                .orElse(null);
        if (best != null) {
          ends.put(best.runId(), best.endTime());
        }
      }
      for (LineageSnapshot.ProducerRow p : batchProducers.getOrDefault(pointerId, List.of())) {
        if (qualifies(p, fingerprint, endedAtOrBefore, excludedRunId) && later(p, best)) {
          best = new Producer(p.runId(), p.end());
        }
      }
      return Optional.ofNullable(best);
    }

    private static boolean qualifies(
        LineageSnapshot.ProducerRow p,
        String fingerprint,
        Instant endedAtOrBefore,
        String excluded) {
      return !p.end().isAfter(endedAtOrBefore)
          && !p.runId().equals(excluded)
          && compatible(fingerprint, p.fingerprint());
    }

    private static boolean later(LineageSnapshot.ProducerRow p, Producer than) {
      if (than == null) {
        return true;
      }
      int byTime = p.end().compareTo(than.endTime());
      return byTime > 0 || (byTime == 0 && p.runId().compareTo(than.runId()) > 0);
    }

    @Override
    public List<LinkedConsumer> consumersSince(
        String pointerId, String fingerprint, Instant startedAtOrAfter, String excludedRunId) {
      Map<String, LinkedConsumer> consumers = new LinkedHashMap<>();
      for (LineageSnapshot.ConsumerRow c : storedConsumers.getOrDefault(pointerId, List.of())) {
        if (matches(c, fingerprint, startedAtOrAfter, excludedRunId)) {
          LinkedConsumer stored =
              new LinkedConsumer(c.runId(), c.linkedProducerId(), c.linkedProducerEnd());
          consumers.putIfAbsent(c.runId(), current(c, stored));
        }
      }
      for (LineageSnapshot.ConsumerRow c : batchConsumers.getOrDefault(pointerId, List.of())) {
        if (matches(c, fingerprint, startedAtOrAfter, excludedRunId)) {
          consumers.putIfAbsent(c.runId(), current(c, new LinkedConsumer(c.runId(), null, null)));
        }
      }
      return new ArrayList<>(consumers.values());
    }

    private static boolean matches(
        LineageSnapshot.ConsumerRow c,
        String fingerprint,
        Instant startedAtOrAfter,
        String excluded) {
      return !c.start().isBefore(startedAtOrAfter)
          && !c.runId().equals(excluded)
          && compatible(fingerprint, c.fingerprint());
    }

    /** The consumer's link as this batch left it, else as stored. */
    private LinkedConsumer current(LineageSnapshot.ConsumerRow c, LinkedConsumer stored) {
      Dependency d = links.get(List.of(c.runId(), c.pointer()));
      if (d == null) {
        return stored;
      }
      return new LinkedConsumer(c.runId(), d.dependsOnRunId(), ends.get(d.dependsOnRunId()));
    }
  }
}
