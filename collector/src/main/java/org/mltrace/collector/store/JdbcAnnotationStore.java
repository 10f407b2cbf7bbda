package org.mltrace.collector.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What users add by hand (migration V016): output flags with their note and time, run notes, and
 * component tags. Each write is its own transaction; every method throws {@link StoreException}
 * when the database fails.
 */
public final class JdbcAnnotationStore {
  /** A flagged output: the pointer, why (or null) and when it was flagged (null if set by SQL). */
  public record FlagRow(String pointer, String note, Instant flaggedAt) {}

  /** One note on a run. */
  public record NoteRow(String runId, String note, Instant notedAt) {}

  private final Database database;

  public JdbcAnnotationStore(Database database) {
    this.database = database;
  }

  /** The table the flags are written to: under the view io_pointers on PostgreSQL (V055). */
  private String pointers() {
    return SqlDialect.of(database.isPostgres()).pointerTable();
  }

  /** Flags an existing pointer, with a note (or null); false when there is no such pointer. */
  public boolean flag(String pointer, String note, Instant at) {
    return SqlRows.update(
            database,
            "flagging " + pointer,
            "UPDATE "
                + pointers()
                + " SET flag = TRUE, flag_note = ?, flagged_at = ? WHERE identifier = ?",
            note,
            at,
            pointer)
        > 0;
  }

  /** Clears a pointer's flag, note and time; false when there is no such pointer. */
  public boolean unflag(String pointer) {
    return SqlRows.update(
            database,
            "unflagging " + pointer,
            "UPDATE "
                + pointers()
                + " SET flag = FALSE, flag_note = NULL, flagged_at = NULL WHERE identifier = ?",
            pointer)
        > 0;
  }

  /** Clears every flag; returns how many pointers were flagged. */
  public int unflagAll() {
    return SqlRows.update(
        database,
        "unflagging every output",
        "UPDATE "
            + pointers()
            + " SET flag = FALSE, flag_note = NULL, flagged_at = NULL"
            + " WHERE flag = TRUE");
  }

  /** Every flagged pointer, most recently flagged first, then by identifier. */
  public List<FlagRow> flagged() {
    return SqlRows.query(
        database,
        "listing flagged outputs",
        "SELECT identifier, flag_note, flagged_at FROM io_pointers WHERE flag = TRUE"
            + " ORDER BY flagged_at DESC NULLS LAST, identifier",
        rs -> new FlagRow(rs.getString(1), rs.getString(2), Jdbc.time(rs, "flagged_at")));
  }

  public void addNote(String runId, String note, Instant at) {
    SqlRows.update(
        database,
        "noting run " + runId,
        "INSERT INTO run_notes (run_id, note, noted_at) VALUES (?, ?, ?)",
        runId,
        note,
        at);
  }

  /** The run's notes, oldest first. */
  public List<NoteRow> notes(String runId) {
    return SqlRows.query(
        database,
        "reading the notes of run " + runId,
        "SELECT run_id, note, noted_at FROM run_notes WHERE run_id = ? ORDER BY noted_at, id",
        rs -> new NoteRow(rs.getString(1), rs.getString(2), Jdbc.time(rs, "noted_at")),
        runId);
  }

  /** Adds a tag to a component; false when it already had it (from this command). */
  public boolean addTag(String component, String tag, Instant at) {
    List<Integer> existing =
        SqlRows.query(
            database,
            "reading the tags of " + component,
            "SELECT 1 FROM component_tags WHERE component = ? AND tag = ?",
            rs -> 1,
            component,
            tag);
    if (!existing.isEmpty()) {
      return false;
    }
    SqlRows.update(
        database,
        "tagging " + component,
        "INSERT INTO component_tags (component, tag, added_at) VALUES (?, ?, ?)",
        component,
        tag,
        at);
    return true;
  }

  /**
   * Every component's tags: those its YAML declared ({@code components.tags}) and those added by
   * {@code mltrace tag}, sorted, by component name. Components without tags are left out.
   */
  public Map<String, TreeSet<String>> allTags() {
    Map<String, TreeSet<String>> tags = new TreeMap<>();
    SqlRows.query(
            database,
            "reading declared tags",
            "SELECT name, tags FROM components WHERE tags IS NOT NULL",
            rs -> new String[] {rs.getString(1), rs.getString(2)})
        .forEach(
            row -> {
              for (String t : row[1].split(",")) {
                if (!t.isBlank()) {
                  tags.computeIfAbsent(row[0], k -> new TreeSet<>()).add(t.strip());
                }
              }
            });
    SqlRows.query(
            database,
            "reading added tags",
            "SELECT component, tag FROM component_tags",
            rs -> new String[] {rs.getString(1), rs.getString(2)})
        .forEach(row -> tags.computeIfAbsent(row[0], k -> new TreeSet<>()).add(row[1]));
    return tags;
  }
}
