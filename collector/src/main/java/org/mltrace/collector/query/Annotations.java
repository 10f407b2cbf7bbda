package org.mltrace.collector.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.mltrace.collector.store.JdbcAnnotationStore;
import org.mltrace.collector.store.PointerRow;

/**
 * What users write by hand: {@code flag}/{@code unflag} an output, {@code note} a run, {@code tag}
 * a component. Each checks that what it names exists ({@link NotFoundException} otherwise) and
 * writes one row in its own transaction.
 */
public final class Annotations {
  /** A flagged output, why, and when ({@code flaggedAt} null when flagged by SQL). */
  public record Flag(String pointer, String note, Instant flaggedAt) {}

  /** A note on a run. */
  public record Note(String runId, String text, Instant notedAt) {}

  private final QueryService queries;
  private final JdbcAnnotationStore store;

  public Annotations(QueryService queries) {
    this.queries = queries;
    this.store = new JdbcAnnotationStore(queries.database());
  }

  /**
   * Flags an output (again: replaces the note and time).
   *
   * @throws NotFoundException if {@code id} is not a recorded output
   */
  public Flag flag(String id, String note) {
    String pointer = pointer(id);
    Instant now = now();
    store.flag(pointer, note, now);
    return new Flag(pointer, note, now);
  }

  /**
   * Clears an output's flag; returns the pointer, and whether it was flagged.
   *
   * @throws NotFoundException if {@code id} is not a recorded output
   */
  public boolean unflag(String id) {
    String pointer = pointer(id);
    boolean was = queries.repository().findPointer(pointer).map(PointerRow::flag).orElse(false);
    store.unflag(pointer);
    return was;
  }

  /** Clears every output's flag; returns how many were flagged. */
  public int unflagAll() {
    return store.unflagAll();
  }

  /** The identifier {@code id} names (as given, or made absolute). */
  public String pointer(String id) {
    return queries
        .findPointer(id)
        .map(PointerRow::identifier)
        .orElseThrow(
            () ->
                new NotFoundException(
                    queries.repository().findRun(id).isPresent()
                        ? "'"
                            + id
                            + "' is a run, not an output: flag its outputs (listed by 'mltrace"
                            + " inspect "
                            + id
                            + "')"
                        : "no output with id '"
                            + id
                            + "' (list a run's outputs with 'mltrace inspect RUN')"));
  }

  /** Every flagged output, most recently flagged first. */
  public List<Flag> flagged() {
    return store.flagged().stream()
        .map(f -> new Flag(f.pointer(), f.note(), f.flaggedAt()))
        .toList();
  }

  /**
   * Adds a note to a run.
   *
   * @throws NotFoundException if no run has this id
   * @throws InvalidRequestException if the text is blank
   */
  public Note note(String runId, String text) {
    if (queries.repository().findRun(runId).isEmpty()) {
      throw new NotFoundException(
          "no run with id '" + runId + "' (try 'mltrace recent' to list runs)");
    }
    if (text == null || text.isBlank()) {
      throw new InvalidRequestException("the note is empty");
    }
    Instant now = now();
    store.addNote(runId, text.strip(), now);
    return new Note(runId, text.strip(), now);
  }

  /** The run's notes, oldest first (none for an unknown run). */
  public List<Note> notes(String runId) {
    return store.notes(runId).stream()
        .map(n -> new Note(n.runId(), n.note(), n.notedAt()))
        .toList();
  }

  /**
   * Adds a tag to a component; false if it had it already.
   *
   * @throws NotFoundException if no component has this name
   * @throws InvalidRequestException if the tag is blank or holds a comma or whitespace
   */
  public boolean tag(String component, String tag) {
    if (queries.repository().findComponent(component).isEmpty()) {
      throw new NotFoundException(
          "no component named '" + component + "' (list them with 'mltrace components')");
    }
    if (tag == null || tag.isBlank() || !tag.matches("[^,\\s]+")) {
      throw new InvalidRequestException(
          "invalid tag '" + tag + "': expected one word without commas or spaces");
    }
    if (new CatalogQuery(queries).tagsOf(component).contains(tag)) {
      return false;
    }
    return store.addTag(component, tag, now());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
