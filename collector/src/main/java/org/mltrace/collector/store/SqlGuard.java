package org.mltrace.collector.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first line of defence of {@link ReadOnlySql}: accepts one statement that starts like a query
 * and contains no data-changing keyword outside string literals, quoted identifiers and comments.
 * It is deliberately strict (a column named {@code "delete"} must be quoted); the read-only
 * transaction and the rollback behind it are what actually guarantee nothing changes.
 */
final class SqlGuard {
  private static final Set<String> QUERY_STARTS =
      Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW");
  private static final Set<String> FORBIDDEN =
      Set.of(
          "INSERT",
          "UPDATE",
          "DELETE",
          "MERGE",
          "UPSERT",
          "DROP",
          "CREATE",
          "ALTER",
          "TRUNCATE",
          "GRANT",
          "REVOKE",
          "COMMIT",
          "ROLLBACK",
          "CALL",
          "COPY",
          "SET",
          "EXECUTE",
          "RUNSCRIPT",
          "SCRIPT",
          "BACKUP",
          "SHUTDOWN",
          "CHECKPOINT",
          "LOCK",
          "FILE_WRITE",
          "CSVWRITE",
          "LINK_SCHEMA",
          "NEXTVAL",
          "SETVAL",
          "LO_IMPORT",
          "LO_EXPORT",
          "PG_TERMINATE_BACKEND",
          "PG_CANCEL_BACKEND",
          "SET_CONFIG",
          "DBLINK_EXEC");

  private SqlGuard() {}

  /**
   * Returns the statement without trailing semicolons.
   *
   * @throws QueryRefusedException if it is empty, holds several statements, does not start like a
   *     query or names a data-changing keyword
   */
  static String check(String sql) {
    String statement = sql == null ? "" : sql.strip();
    while (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).strip();
    }
    List<String> words = new ArrayList<>();
    boolean severalStatements = scan(statement, words);
    if (words.isEmpty()) {
      throw refused("empty statement: give one SELECT query");
    }
    if (severalStatements) {
      throw refused("only one statement is allowed, found ';' inside it");
    }
    if (!QUERY_STARTS.contains(words.get(0))) {
      throw refused(
          "only read-only queries (SELECT, WITH, VALUES, TABLE, SHOW) are allowed, not "
              + words.get(0));
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (FORBIDDEN.contains(w)) {
        throw refused("read-only: the statement contains " + w + ", which may change data");
      }
      // H2's NEXT VALUE FOR draws from a sequence (V048's run_keys, pointer_keys), which no
      // rollback gives back; FETCH NEXT ... ROWS is a query's and passes
      if (w.equals("NEXT") && i + 1 < words.size() && words.get(i + 1).equals("VALUE")) {
        throw refused(
            "read-only: the statement contains NEXT VALUE FOR, which draws from a sequence");
      }
    }
    return statement;
  }

  /** Collects the upper-cased bare words; returns true if a ';' appears outside literals. */
  private static boolean scan(String s, List<String> words) {
    boolean semicolon = false;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(s, i, c);
      } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '$') {
        int end = s.indexOf("$$", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int end = s.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        words.add(s.substring(start, i).toUpperCase(Locale.ROOT));
      } else {
        semicolon |= c == ';';
        i++;
      }
    }
    return semicolon;
  }

  private static int skipQuoted(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2; // doubled quote inside the literal
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return i;
  }

  private static QueryRefusedException refused(String why) {
    return new QueryRefusedException(why, null);
  }
}
