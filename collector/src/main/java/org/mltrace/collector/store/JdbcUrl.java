package org.mltrace.collector.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A JDBC URL as the user gave it, plus what the collector needs to know about it: whether it is
 * PostgreSQL, where an H2 file database lives, and how to show it without its password.
 */
record JdbcUrl(String raw) {
  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  static JdbcUrl parse(String url) {
    if (url == null || !url.startsWith("jdbc:")) {
      throw new StoreException(
          "not a JDBC URL: '" + url + "' (expected jdbc:h2:file:PATH or jdbc:postgresql://HOST/DB)",
          null);
    }
    return new JdbcUrl(url);
  }

  boolean isPostgres() {
    return raw.startsWith("jdbc:postgresql:");
  }

  /**
   * The database file path (without the {@code .mv.db} suffix) of an embedded H2 file database, or
   * empty for in-memory, TCP and other databases.
   */
  Optional<Path> h2File() {
    if (!raw.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String rest = raw.substring("jdbc:h2:".length());
    int semicolon = rest.indexOf(';');
    String location = semicolon < 0 ? rest : rest.substring(0, semicolon);
    String lower = location.toLowerCase(Locale.ROOT);
    for (String remote : new String[] {"mem:", "tcp:", "ssl:", "zip:"}) {
      if (lower.startsWith(remote)) {
        return Optional.empty();
      }
    }
    if (lower.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    if (location.startsWith("~")) {
      location = System.getProperty("user.home") + location.substring(1);
    }
    return location.isEmpty() ? Optional.empty() : Optional.of(Path.of(location));
  }

  /**
   * The URL to connect with: for an H2 file database, {@code AUTO_SERVER=TRUE} is added unless the
   * user set it, so that {@code mltrace trace} works while {@code mltrace collect} holds the file
   * open in another process; for any H2 database, {@code NON_KEYWORDS=VALUE} unless set, because H2
   * 2.x reserves {@code VALUE}, a column of {@code trigger_results} and {@code alerts} that
   * PostgreSQL accepts as it is; for an H2 file database, {@code MAX_COMPACT_TIME=0} unless set,
   * because H2 otherwise compacts the file when the last connection closes, which took 5-7 s of
   * every {@code mltrace} command on a 350 MB database (H2 still compacts in the background while a
   * collector writes); for PostgreSQL, {@code reWriteBatchedInserts=true} unless set.
   */
  String effective() {
    return effective(false);
  }

  /**
   * {@link #effective()}, and for a short query session on an H2 file also {@code
   * AUTO_COMPACT_FILL_RATE=0} unless set (see {@link Database.Access#QUERY}).
   */
  String effective(boolean shortQuerySession) {
    String upper = raw.toUpperCase(Locale.ROOT);
    if (raw.startsWith("jdbc:h2:")) {
      String url = raw;
      if (h2File().isPresent() && !upper.contains("AUTO_SERVER=")) {
        url += ";AUTO_SERVER=TRUE";
      }
      if (h2File().isPresent() && !upper.contains("MAX_COMPACT_TIME=")) {
        url += ";MAX_COMPACT_TIME=0";
      }
      if (shortQuerySession && h2File().isPresent() && !upper.contains("AUTO_COMPACT_FILL_RATE=")) {
        url += ";AUTO_COMPACT_FILL_RATE=0";
      }
      if (!upper.contains("NON_KEYWORDS=")) {
        url += ";NON_KEYWORDS=VALUE";
      }
      return url;
    }
    if (isPostgres() && !raw.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts=")) {
      // The driver then sends a batch of inserts as multi-row INSERTs, not one round trip each.
      return raw + (raw.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    return raw;
  }

  /** The URL with any {@code password=} value replaced by stars, for messages and logs. */
  String masked() {
    return PASSWORD.matcher(raw).replaceAll("$1***");
  }

  @Override
  public String toString() {
    return masked();
  }
}
