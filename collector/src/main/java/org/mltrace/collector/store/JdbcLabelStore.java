package org.mltrace.collector.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Information-flow labels on pointers and their retractions (migration V017). Throws {@link
 * StoreException} when the database fails.
 */
public final class JdbcLabelStore {
  /** A labelled pointer, and when the label's retraction was recorded (null: not retracted). */
  public record LabelRow(String pointer, String label, Instant retractedAt) {}

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

  /** The labels on the inputs the runs read, with their retraction time. */
  public List<LabelRow> labelsReadBy(Collection<String> runIds) {
    List<LabelRow> out = new ArrayList<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
      out.addAll(
          SqlRows.query(
              database,
              "reading the labels of run inputs",
              "SELECT DISTINCT l.pointer_id, l.label, x.retracted_at FROM run_inputs i"
                  + " JOIN pointer_labels l ON l.pointer_id = i.pointer_id"
                  + " LEFT JOIN label_retractions x ON x.label = l.label"
                  + " WHERE i.run_id = ANY(?)",
              rs -> new LabelRow(rs.getString(1), rs.getString(2), Jdbc.time(rs, "retracted_at")),
              chunk));
    }
    return out;
  }
}
