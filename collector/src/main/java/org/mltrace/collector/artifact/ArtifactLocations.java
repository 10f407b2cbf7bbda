package org.mltrace.collector.artifact;

import java.nio.file.Path;

/** Where the artifact store is when {@code --artifacts} is not given. */
public final class ArtifactLocations {
  /** For databases that are not an H2 file: relative to the working directory. */
  static final Path FALLBACK = Path.of("mltrace-data", "artifacts");

  private ArtifactLocations() {}

  /**
   * {@code artifacts/} beside the H2 database file ({@code jdbc:h2:file:./mltrace-data/mltrace}
   * gives {@code ./mltrace-data/artifacts}); {@code ./mltrace-data/artifacts} for PostgreSQL and
   * in-memory H2.
   */
  public static Path defaultFor(String jdbcUrl) {
    String rest = null;
    if (jdbcUrl.startsWith("jdbc:h2:file:")) {
      rest = jdbcUrl.substring("jdbc:h2:file:".length());
    } else if (jdbcUrl.startsWith("jdbc:h2:")
        && !jdbcUrl.startsWith("jdbc:h2:mem:")
        && !jdbcUrl.startsWith("jdbc:h2:tcp:")
        && !jdbcUrl.startsWith("jdbc:h2:ssl:")) {
      rest = jdbcUrl.substring("jdbc:h2:".length());
    }
    if (rest == null) {
      return FALLBACK;
    }
    int semicolon = rest.indexOf(';');
    Path file = Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon));
    Path dir = file.getParent();
    return dir == null ? Path.of("artifacts") : dir.resolve("artifacts");
  }
}
