package org.mltrace.collector.store;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.BatchLineage;

/**
 * The parts of a batch's rows that follow from its runs alone, made before the batch's ingest
 * transaction, on another thread ({@link IngestStore#prepare}): each run's value arrays (on
 * PostgreSQL split into template and own entries, {@link ValueTemplate}), its origin ({@link
 * RunOrigin}), and the batch's pointers: with when each was first seen and its kind ({@link
 * RunRowWriter.PointerSightings}), and as the lineage looks them up ({@link
 * BatchLineage.Pointers}).
 *
 * <p>Why: the ingest transaction's thread alternates with the database, which waits while the
 * thread works between statements. These parts were a third of that thread's work in a 200,000-run
 * bench (docs/performance.md, session 18); made while the database stores the batch before, they no
 * longer hold it up.
 *
 * <p>Looked up by the identity of the run and value objects, so any subset of the batch (its runs
 * not stored before, one entry of a batch retried entry by entry) finds its parts. A run or value
 * it does not hold (a prepared batch's other runs, or none prepared) is computed on the spot, with
 * the same code.
 */
public final class PreparedRuns {
  /** Nothing prepared: every part is computed when the rows are written. */
  public static final PreparedRuns NONE = new PreparedRuns();

  private final Map<RunEvent, Object[][]> arrays = new IdentityHashMap<>();
  private final Map<RunEvent, ValueTemplate.Split> splits = new IdentityHashMap<>();
  private final Map<RunEvent, RunOrigin> origins = new IdentityHashMap<>();
  private final List<RunEvent> runs;
  private final RunRowWriter.PointerSightings sightings;
  private final BatchLineage.Pointers lineagePointers;

  private PreparedRuns() {
    this(List.of(), RunRowWriter.PointerSightings.of(List.of()));
  }

  private PreparedRuns(List<RunEvent> runs, RunRowWriter.PointerSightings sightings) {
    this.runs = List.copyOf(runs);
    this.sightings = sightings;
    this.lineagePointers = BatchLineage.Pointers.of(runs);
  }

  /**
   * The parts of {@code runs} for a database of {@code dialect}; touches no database. Equal
   * templates, origins and kinds are made one object, and each run's id and component and each
   * pointer's identifier (as a key of the sightings) have their hash computed ({@link
   * String#hashCode} keeps it): the transaction's thread looks them all up in hash maps, and equal
   * parts of different runs then cost it a reference comparison rather than a hash and comparison
   * of their texts.
   */
  static PreparedRuns of(List<RunEvent> runs, SqlDialect dialect) {
    Map<Object, Object> same = new HashMap<>();
    PreparedRuns prepared =
        new PreparedRuns(runs, RunRowWriter.PointerSightings.of(runs, kind -> one(same, kind)));
    for (RunEvent run : runs) {
      run.runId().hashCode();
      run.component().hashCode();
      if (dialect == SqlDialect.POSTGRES) {
        ValueTemplate.Split split = splitOf(run);
        ValueTemplate template = split.template() == null ? null : one(same, split.template());
        prepared.splits.put(
            run,
            template == split.template()
                ? split
                : new ValueTemplate.Split(template, split.entries()));
        prepared.origins.put(run, one(same, RunOrigin.of(run)));
      } else {
        prepared.arrays.put(run, arraysOf(run));
      }
    }
    return prepared;
  }

  /** The one object of the batch equal to {@code part}. */
  @SuppressWarnings("unchecked")
  private static <T> T one(Map<Object, Object> same, T part) {
    return (T) same.computeIfAbsent(part, p -> p);
  }

  /**
   * The pointers {@code fresh} names: made before the transaction when {@code fresh} is the whole
   * prepared batch (every run of it new, the common case), here otherwise.
   */
  RunRowWriter.PointerSightings sightings(List<RunEvent> fresh) {
    return isWholeBatch(fresh) ? sightings : RunRowWriter.PointerSightings.of(fresh);
  }

  /** The pointers the lineage looks {@code fresh} up by: as {@link #sightings}. */
  public BatchLineage.Pointers lineagePointers(List<RunEvent> fresh) {
    return isWholeBatch(fresh) ? lineagePointers : BatchLineage.Pointers.of(fresh);
  }

  private boolean isWholeBatch(List<RunEvent> fresh) {
    if (fresh.size() != runs.size()) {
      return false;
    }
    for (int i = 0; i < fresh.size(); i++) {
      if (fresh.get(i) != runs.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** H2: the run's inputs, outputs and summaries arrays ({@link RunValueArrays}). */
  Object[][] arrays(RunEvent run) {
    Object[][] a = arrays.get(run);
    return a != null ? a : arraysOf(run);
  }

  /** PostgreSQL: the run's values as a template and its own entries. */
  ValueTemplate.Split split(RunEvent run) {
    ValueTemplate.Split s = splits.get(run);
    return s != null ? s : splitOf(run);
  }

  /** PostgreSQL: where the run came from. */
  RunOrigin origin(RunEvent run) {
    RunOrigin o = origins.get(run);
    return o != null ? o : RunOrigin.of(run);
  }

  private static Object[][] arraysOf(RunEvent run) {
    return new Object[][] {
      RunValueArrays.values(run.inputs()),
      RunValueArrays.values(run.outputs()),
      RunValueArrays.summaries(run)
    };
  }

  private static ValueTemplate.Split splitOf(RunEvent run) {
    Object[][] a = arraysOf(run);
    return ValueTemplate.split(a[0], a[1], a[2]);
  }
}
