package org.mltrace.collector.store;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.ValidateOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with the numbered migrations in {@code
 * db/migration/common/V###__name.sql}, which run unchanged on H2 and PostgreSQL, and those of the
 * database's own folder ({@code db/migration/h2} or {@code db/migration/postgres}), for what the
 * two write differently (a version number is used in one place only). Migrations are append-only:
 * Flyway refuses to start if a shipped one was edited.
 */
final class SchemaMigrator {
  static final String LOCATION = "classpath:db/migration/common";
  static final String H2_LOCATION = "classpath:db/migration/h2";
  static final String POSTGRES_LOCATION = "classpath:db/migration/postgres";
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

  private SchemaMigrator() {}

  /**
   * Applies the pending migrations, connecting with {@code effectiveUrl} (the session's, so H2 is
   * opened with the same settings).
   *
   * @throws StoreException if the database cannot be reached, holds unrelated tables without
   *     Flyway's history table, or a migration fails
   */
  static void migrate(JdbcUrl url, String effectiveUrl) {
    // Out of order: a migration numbered below one already applied still runs. Numbers are
    // reserved per change while several are made at once, so V018 can land after V021; every
    // migration is written to be independent and re-runnable (IF [NOT] EXISTS).
    Flyway flyway =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(effectiveUrl, null, null)
            .locations(locations(url))
            .outOfOrder(true)
            .load();
    try {
      var result = flyway.migrate();
      if (result.migrationsExecuted > 0) {
        log.info("applied {} migration(s) to {}", result.migrationsExecuted, url);
      }
    } catch (FlywayValidateException e) {
      throw new StoreException(
          "cannot prepare the mltrace schema in " + url + ": " + validationErrors(flyway), e);
    } catch (FlywayException e) {
      throw new StoreException(
          "cannot prepare the mltrace schema in " + url + ": " + e.getMessage(), e);
    }
  }

  /** Where the migrations of {@code url}'s kind of database are. */
  static String[] locations(JdbcUrl url) {
    return new String[] {LOCATION, url.isPostgres() ? POSTGRES_LOCATION : H2_LOCATION};
  }

  /** Flyway's own message only says that validation failed; the reasons are per migration. */
  private static String validationErrors(Flyway flyway) {
    List<String> reasons = new ArrayList<>();
    for (ValidateOutput invalid : flyway.validateWithResult().invalidMigrations) {
      reasons.add(
          "V"
              + invalid.version
              + " "
              + invalid.description
              + ": "
              + (invalid.errorDetails == null ? "invalid" : invalid.errorDetails.errorMessage));
    }
    return reasons.isEmpty()
        ? "its migration history does not match this collector's migrations"
        : String.join("; ", reasons);
  }
}
