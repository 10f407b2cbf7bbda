package org.mltrace.collector.store;

import org.flywaydb.core.Flyway;

/** A database with the schema an older release left: the migrations up to one version only. */
final class OlderSchema {
  private OlderSchema() {}

  /**
   * Migrates the database at {@code url} up to and including {@code version}; returns the URL to
   * connect to it directly (H2 with the settings the collector uses).
   */
  static String upTo(String url, String version) {
    JdbcUrl parsed = JdbcUrl.parse(url);
    Flyway.configure(OlderSchema.class.getClassLoader())
        .dataSource(parsed.effective(), null, null)
        .locations(SchemaMigrator.locations(parsed))
        .target(version)
        .load()
        .migrate();
    return parsed.effective();
  }
}
