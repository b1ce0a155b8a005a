package io.feedpipe.sinks.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the sink's tables with Flyway: the migrations are {@code V<n>__*.sql} under
 * {@code io/feedpipe/sinks/postgres/migration}, applied in order once each, recorded in the
 * schema's {@code flyway_schema_history}. Safe to run at every start, by every sink instance
 * (Flyway takes a lock in the database).
 */
public final class PostgresSchema {
  private static final Logger log = LoggerFactory.getLogger(PostgresSchema.class);
  public static final String MIGRATIONS = "classpath:io/feedpipe/sinks/postgres/migration";

  private PostgresSchema() {}

  public static MigrateResult migrate(PostgresSinkSettings settings) {
    Flyway flyway = Flyway.configure(PostgresSchema.class.getClassLoader())
        .dataSource(settings.jdbcUrl(), settings.user().orElse(null), settings.password().orElse(null))
        .schemas(settings.schema())
        .defaultSchema(settings.schema())
        .createSchemas(true)
        .locations(MIGRATIONS)
        .load();
    MigrateResult result = flyway.migrate();
    if (result.migrationsExecuted > 0) {
      log.info("database schema {} migrated to version {} ({} migration(s))", settings.schema(), result.targetSchemaVersion,
          result.migrationsExecuted);
    }
    return result;
  }
}
