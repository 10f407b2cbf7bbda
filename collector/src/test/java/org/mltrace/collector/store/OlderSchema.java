package org.mltrace.collector.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

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

  /**
   * Migrates the database at {@code url} to the latest version again, out of order as the collector
   * does; returns what Flyway did (a migration test expects nothing).
   */
  static MigrateResult again(String url) {
    JdbcUrl parsed = JdbcUrl.parse(url);
    return Flyway.configure(OlderSchema.class.getClassLoader())
        .dataSource(parsed.effective(), null, null)
        .locations(SchemaMigrator.locations(parsed))
        .outOfOrder(true)
        .load()
        .migrate();
  }
}
