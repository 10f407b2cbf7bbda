package org.mltrace.collector.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Information-flow labels on pointers and their retractions (migration V017). Throws {@link
 * StoreException} when the database fails.
 */
public final class JdbcLabelStore {
  /** A labelled pointer, and when the label's retraction was recorded (null: not retracted). */
  public record LabelRow(String pointer, String label, Instant retractedAt) {}

  /**
   * A label: how many pointers carry it directly, when it was first added, when it was retracted
   * (null: not retracted).
   */
  public record LabelSummaryRow(
      String label, int pointers, Instant firstAdded, Instant retractedAt) {}

  /** A purge that blanked a run's values ({@code purge_log}, V027). */
  public record PurgeRow(long id, String label, Instant purgedAt, String purgedBy, String reason) {}

  /** The purges that touched the run, oldest first. */
  public List<PurgeRow> purgesOf(String runId) {
    return SqlRows.query(
        database,
        "reading the purges of run " + runId,
        "SELECT p.id, p.label, p.purged_at, p.purged_by, p.reason FROM purged_runs r"
            + " JOIN purge_log p ON p.id = r.purge_id WHERE r.run_id = ? ORDER BY p.id",
        rs ->
            new PurgeRow(
                rs.getLong(1),
                rs.getString(2),
                Jdbc.time(rs, "purged_at"),
                rs.getString(4),
                rs.getString(5)),
        runId);
  }

  /** A pointer that carries a label directly, and when the label was added. */
  public record CarrierRow(String pointer, Instant addedAt) {}

  private final Database database;

  public JdbcLabelStore(Database database) {
    this.database = database;
  }

  /** Labels the pointer; false when it had the label already. */
  public boolean add(String pointer, String label, Instant at) {
    if (!SqlRows.query(
            database,
            "reading the labels of " + pointer,
            "SELECT 1 FROM pointer_labels WHERE pointer_id = ? AND label = ?",
            rs -> 1,
            pointer,
            label)
        .isEmpty()) {
      return false;
    }
    SqlRows.update(
        database,
        "labelling " + pointer,
        "INSERT INTO pointer_labels (pointer_id, label, added_at) VALUES (?, ?, ?)",
        pointer,
        label,
        at);
    return true;
  }

  /** Every label, sorted by name. */
  public List<LabelSummaryRow> labels() {
    return SqlRows.query(
        database,
        "listing labels",
        "SELECT l.label, COUNT(*), MIN(l.added_at) AS first_added, MIN(x.retracted_at) AS"
            + " retracted_at FROM pointer_labels l LEFT JOIN label_retractions x ON x.label ="
            + " l.label GROUP BY l.label ORDER BY l.label",
        rs ->
            new LabelSummaryRow(
                rs.getString(1),
                rs.getInt(2),
                Jdbc.time(rs, "first_added"),
                Jdbc.time(rs, "retracted_at")));
  }

  /** The pointers that carry the label directly, with when it was added, by pointer. */
  public List<CarrierRow> carriers(String label) {
    return SqlRows.query(
        database,
        "reading label " + label,
        "SELECT pointer_id, added_at FROM pointer_labels WHERE label = ? ORDER BY pointer_id",
        rs -> new CarrierRow(rs.getString(1), Jdbc.time(rs, "added_at")),
        label);
  }

  /** Whether any label has been retracted. */
  public boolean anyRetraction() {
    return !SqlRows.query(
            database,
            "looking for label retractions",
            "SELECT 1 FROM label_retractions FETCH FIRST 1 ROWS ONLY",
            rs -> 1)
        .isEmpty();
  }

  /** When the label was retracted, or null. */
  public Instant retraction(String label) {
    List<Instant> at = retractedAt(label);
    return at.isEmpty() ? null : at.get(0);
  }

  /** The pointers that carry the label, sorted. */
  public List<String> pointers(String label) {
    return SqlRows.query(
        database,
        "reading label " + label,
        "SELECT pointer_id FROM pointer_labels WHERE label = ? ORDER BY pointer_id",
        rs -> rs.getString(1),
        label);
  }

  /** Records the retraction; returns its time (the earlier one if it was retracted already). */
  public Instant retract(String label, Instant at) {
    List<Instant> earlier = retractedAt(label);
    if (!earlier.isEmpty()) {
      return earlier.get(0);
    }
    SqlRows.update(
        database,
        "retracting label " + label,
        "INSERT INTO label_retractions (label, retracted_at) VALUES (?, ?)",
        label,
        at);
    return at;
  }

  private List<Instant> retractedAt(String label) {
    return SqlRows.query(
        database,
        "reading the retraction of " + label,
        "SELECT retracted_at FROM label_retractions WHERE label = ?",
        rs -> Jdbc.time(rs, "retracted_at"),
        label);
  }

  /** The pointers carrying a label retracted by {@code now}, by label then pointer. */
  public List<LabelRow> retractedBy(Instant now) {
    return SqlRows.query(
        database,
        "reading the retracted labels",
        "SELECT l.pointer_id, l.label, x.retracted_at FROM pointer_labels l"
            + " JOIN label_retractions x ON x.label = l.label WHERE x.retracted_at <= ?"
            + " ORDER BY l.label, l.pointer_id",
        rs -> new LabelRow(rs.getString(1), rs.getString(2), Jdbc.time(rs, "retracted_at")),
        now);
  }

  /**
   * The labels on the inputs the runs read, with their retraction time. The runs' pointers come
   * from their own arrays: {@code run_read_keys} has no key by run (V047).
   */
  public List<LabelRow> labelsReadBy(Collection<String> runIds) {
    Set<String> pointers = new LinkedHashSet<>();
    for (RunValueReader.PointerValue read : RunValueReader.pointerValues(database, runIds, true)) {
      pointers.add(read.pointer());
    }
    List<LabelRow> out = new ArrayList<>();
    labelsOn(pointers, false).values().forEach(out::addAll);
    return out;
  }

  /** A retracted label on a pointer a run read directly. */
  public record RetractedReadRow(String runId, String pointer, String label, Instant retractedAt) {}

  /** The retracted labels on the pointers each of the runs read itself (not upstream). */
  public List<RetractedReadRow> retractedReadsOf(Collection<String> runIds) {
    Set<List<String>> reads = new LinkedHashSet<>();
    for (RunValueReader.PointerValue read : RunValueReader.pointerValues(database, runIds, true)) {
      reads.add(List.of(read.runId(), read.pointer()));
    }
    Map<String, List<LabelRow>> retracted =
        labelsOn(reads.stream().map(r -> r.get(1)).toList(), true);
    List<RetractedReadRow> out = new ArrayList<>();
    for (List<String> read : reads) {
      for (LabelRow l : retracted.getOrDefault(read.get(1), List.of())) {
        out.add(new RetractedReadRow(read.get(0), l.pointer(), l.label(), l.retractedAt()));
      }
    }
    return out;
  }

  /**
   * The labels on the pointers, by pointer, with their retraction time: only the retracted ones
   * when {@code retractedOnly}.
   */
  private Map<String, List<LabelRow>> labelsOn(Collection<String> pointers, boolean retractedOnly) {
    Map<String, List<LabelRow>> byPointer = new LinkedHashMap<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(new LinkedHashSet<>(pointers)))) {
      for (LabelRow l :
          SqlRows.query(
              database,
              retractedOnly
                  ? "reading the retracted labels the runs read"
                  : "reading the labels of run inputs",
              "SELECT l.pointer_id, l.label, x.retracted_at FROM pointer_labels l"
                  + (retractedOnly ? " JOIN" : " LEFT JOIN")
                  + " label_retractions x ON x.label = l.label WHERE l.pointer_id = ANY(?)",
              rs -> new LabelRow(rs.getString(1), rs.getString(2), Jdbc.time(rs, "retracted_at")),
              chunk)) {
        byPointer.computeIfAbsent(l.pointer(), k -> new ArrayList<>()).add(l);
      }
    }
    return byPointer;
  }

  /**
   * What the labels and their retractions are now, as a string that changes whenever a label is
   * added, removed or retracted (counts and latest times), for caches of what derives from them.
   */
  public String labelState() {
    return SqlRows.query(
            database,
            "reading the state of the labels",
            "SELECT (SELECT COUNT(*) FROM pointer_labels), (SELECT MAX(added_at) FROM pointer_labels),"
                + " (SELECT COUNT(*) FROM label_retractions), (SELECT MAX(retracted_at) FROM label_retractions)",
            rs ->
                rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4))
        .get(0);
  }
}
