package org.mltrace.collector.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with the numbered migrations in {@code
 * db/migration/common/V###__name.sql}, which run unchanged on H2 and PostgreSQL. Migrations are
 * append-only: Flyway refuses to start if a shipped one was edited.
 */
final class SchemaMigrator {
  static final String LOCATION = "classpath:db/migration/common";
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

  private SchemaMigrator() {}

  /**
   * Applies the pending migrations.
   *
   * @throws StoreException if the database cannot be reached, holds unrelated tables without
   *     Flyway's history table, or a migration fails
   */
  static void migrate(JdbcUrl url) {
    try {
      var result =
          Flyway.configure(SchemaMigrator.class.getClassLoader())
              .dataSource(url.effective(), null, null)
              .locations(LOCATION)
              .load()
              .migrate();
      if (result.migrationsExecuted > 0) {
        log.info("applied {} migration(s) to {}", result.migrationsExecuted, url);
      }
    } catch (FlywayException e) {
      throw new StoreException(
          "cannot prepare the mltrace schema in " + url + ": " + e.getMessage(), e);
    }
  }
}
