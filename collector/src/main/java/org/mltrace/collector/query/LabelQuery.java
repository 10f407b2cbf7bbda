package org.mltrace.collector.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mltrace.collector.lineage.LineageClosure;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.JdbcLabelStore;
import org.mltrace.collector.store.PointerRow;
import org.mltrace.collector.store.RunRow;

/**
 * Information-flow labels (one per client, say): a label on an input propagates to every run and
 * output derived from it, computed through the lineage when asked ({@link ImpactQuery}). A
 * retracted label is a deletion request: a run that started after it and derives from the label's
 * data gets a {@link LabelWarning} in {@code trace} and {@code inspect}.
 */
public final class LabelQuery {
  private final QueryService queries;
  private final JdbcLabelStore labels;
  private final JdbcGraphStore graph;

  public LabelQuery(QueryService queries) {
    this.queries = queries;
    this.labels = new JdbcLabelStore(queries.database());
    this.graph = new JdbcGraphStore(queries.database());
  }

  /**
   * Labels a pointer; false if it had the label.
   *
   * @throws NotFoundException if the pointer is unknown
   * @throws InvalidRequestException if the label is blank
   */
  public boolean add(String id, String label) {
    PointerRow pointer =
        queries
            .findPointer(id)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no output or input with id '" + id + "' (a file path, URI or mem:// id)"));
    if (label == null || label.isBlank()) {
      throw new InvalidRequestException("the label is empty");
    }
    return labels.add(pointer.identifier(), label.strip(), now());
  }

  /**
   * Everything derived from the label's pointers: their impact, merged.
   *
   * @throws NotFoundException if no pointer carries the label
   */
  public ImpactResult outputs(String label) {
    List<String> pointers = pointers(label);
    Map<String, ImpactResult.Run> runs = new TreeMap<>();
    Map<String, ImpactResult.Output> outputs = new TreeMap<>();
    ImpactQuery impact = new ImpactQuery(queries);
    for (String p : pointers) {
      ImpactResult one = impact.impact(p);
      one.runs()
          .forEach(r -> runs.merge(r.run().id(), r, (a, b) -> a.depth() <= b.depth() ? a : b));
      for (ImpactResult.Output o : one.outputs()) {
        outputs.merge(
            o.pointer(),
            o,
            (a, b) -> {
              TreeSet<String> w = new TreeSet<>(a.writtenBy());
              w.addAll(b.writtenBy());
              return new ImpactResult.Output(a.pointer(), a.type(), List.copyOf(w));
            });
      }
    }
    List<ImpactResult.Run> sorted = new ArrayList<>(runs.values());
    sorted.sort(
        java.util.Comparator.comparing((ImpactResult.Run r) -> r.run().startTime())
            .thenComparing(r -> r.run().id()));
    return new ImpactResult(label, false, sorted, List.copyOf(outputs.values()));
  }

  /**
   * Every label: the pointers that carry it directly and whether it is retracted (no lineage walk:
   * the list stays cheap however many labels there are). Sorted by label.
   */
  public List<LabelInfo> list() {
    List<LabelInfo> list = new ArrayList<>();
    for (JdbcLabelStore.LabelSummaryRow row : labels.labels()) {
      List<LabelInfo.Carrier> direct =
          labels.carriers(row.label()).stream()
              .map(c -> new LabelInfo.Carrier(c.pointer(), c.addedAt()))
              .toList();
      list.add(new LabelInfo(row.label(), row.retractedAt(), direct, null));
    }
    return list;
  }

  /**
   * One label: the pointers that carry it directly, what carries it through lineage, and whether it
   * is retracted.
   *
   * @throws NotFoundException if no pointer carries the label
   */
  public LabelInfo show(String label) {
    ImpactResult derived = outputs(label);
    List<LabelInfo.Carrier> direct =
        labels.carriers(label).stream()
            .map(c -> new LabelInfo.Carrier(c.pointer(), c.addedAt()))
            .toList();
    return new LabelInfo(label, labels.retraction(label), direct, derived);
  }

  /**
   * Records a deletion request for the label; returns when (the first request's time if repeated).
   *
   * @throws NotFoundException if no pointer carries the label
   */
  public Instant retract(String label) {
    return retract(label, now());
  }

  /** As {@link #retract(String)}, as of {@code at} (tests set the time). */
  Instant retract(String label, Instant at) {
    pointers(label);
    return labels.retract(label, at);
  }

  /** The purges that blanked the run's values, oldest first; empty when none did. */
  public List<PurgeNotice> purges(String runId) {
    return labels.purgesOf(runId).stream()
        .map(p -> new PurgeNotice(p.id(), p.label(), p.purgedAt(), p.purgedBy(), p.reason()))
        .toList();
  }

  /**
   * The warnings for a run: each retracted label on an input of the run or of a run it derives
   * from, retracted before the run started. Sorted by label, then pointer.
   */
  public List<LabelWarning> warnings(String runId) {
    RunRow run = runId == null ? null : queries.repository().findRun(runId).orElse(null);
    if (run == null) {
      return List.of();
    }
    Set<String> upstream =
        LineageClosure.upstream(graph::upstreamOf).reach(List.of(runId), -1).keySet();
    TreeMap<String, LabelWarning> warnings = new TreeMap<>();
    for (JdbcLabelStore.LabelRow l : labels.labelsReadBy(upstream)) {
      if (l.retractedAt() != null && l.retractedAt().isBefore(run.startTime())) {
        warnings.put(
            l.label() + "\n" + l.pointer(),
            new LabelWarning(runId, l.label(), l.pointer(), l.retractedAt()));
      }
    }
    return List.copyOf(warnings.values());
  }

  private List<String> pointers(String label) {
    List<String> pointers = labels.pointers(label);
    if (pointers.isEmpty()) {
      throw new NotFoundException(
          "no pointer carries label '"
              + label
              + "' (add one with 'mltrace label add POINTER LABEL')");
    }
    return pointers;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
