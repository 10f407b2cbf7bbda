package org.mltrace.collector.store;

/**
 * A run's value array ({@link RunValueArrays}) as the one text PostgreSQL stores it in since V050:
 * the entries joined by U+001F, a NULL entry written as the single character U+0001. U+0002 starts
 * an escape: an entry's own U+001F, U+0001 and U+0002 are written U+0002 U+0003, U+0002 U+0004 and
 * U+0002 U+0005. The SQL function {@code mltrace_entries} (V050) reads it back as the array and
 * {@code mltrace_entries_text} writes it; the three must agree, which ValueEntriesTextTest checks
 * against PostgreSQL. An array of text costs PostgreSQL 4 bytes of length and up to 3 of padding
 * per entry; the text costs 1 per entry (docs/design-decisions.md, "PostgreSQL keeps a run's values
 * as one text column").
 *
 * <p>An empty or null array is null; the empty text is an array of one empty entry. NUL characters,
 * which PostgreSQL text refuses, are the caller's to replace ({@link Jdbc#storable}), as for every
 * other text column.
 */
final class ValueEntriesText {
  static final char SEPARATOR = '\u001f';
  static final char NULL_ENTRY = '\u0001';
  static final char ESCAPE = '\u0002';

  private ValueEntriesText() {}

  /** The text of {@code entries} (Strings or nulls), or null when there are none. */
  static String encode(Object[] entries) {
    if (entries == null || entries.length == 0) {
      return null;
    }
    StringBuilder b = new StringBuilder(entries.length * 8);
    for (int i = 0; i < entries.length; i++) {
      if (i > 0) {
        b.append(SEPARATOR);
      }
      b.append(encodeEntry((String) entries[i]));
    }
    return b.toString();
  }

  /** The entries of {@code text} as {@link #encode} wrote them; null for null. */
  static String[] decode(String text) {
    if (text == null) {
      return null;
    }
    String[] entries = text.split(String.valueOf(SEPARATOR), -1);
    for (int i = 0; i < entries.length; i++) {
      entries[i] = decodeEntry(entries[i]);
    }
    return entries;
  }

  /** One entry of the text as {@link #encodeEntry} wrote it: unescaped, or null for U+0001. */
  static String decodeEntry(String raw) {
    if (raw.length() == 1 && raw.charAt(0) == NULL_ENTRY) {
      return null;
    }
    if (raw.indexOf(ESCAPE) < 0) {
      return raw;
    }
    StringBuilder entry = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == ESCAPE && i + 1 < raw.length()) {
        char code = raw.charAt(++i);
        entry.append(code == '\u0003' ? SEPARATOR : code == '\u0004' ? NULL_ENTRY : ESCAPE);
      } else {
        entry.append(c);
      }
    }
    return entry.toString();
  }

  /** One entry as {@link #encode} writes it within the text: escaped, or U+0001 for null. */
  static String encodeEntry(String entry) {
    if (entry == null) {
      return String.valueOf(NULL_ENTRY);
    }
    if (entry.indexOf(SEPARATOR) < 0
        && entry.indexOf(NULL_ENTRY) < 0
        && entry.indexOf(ESCAPE) < 0) {
      return entry;
    }
    StringBuilder b = new StringBuilder(entry.length() + 4);
    appendEscaped(b, entry);
    return b.toString();
  }

  private static void appendEscaped(StringBuilder b, String entry) {
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      switch (c) {
        case SEPARATOR -> b.append(ESCAPE).append('\u0003');
        case NULL_ENTRY -> b.append(ESCAPE).append('\u0004');
        case ESCAPE -> b.append(ESCAPE).append('\u0005');
        default -> b.append(c);
      }
    }
  }
}
