package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.sinks.postgres.PostgresSink;
import io.feedpipe.sinks.postgres.PostgresSinkSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "postgres",
    description = {
      "Upserts CleanPost revisions into PostgreSQL: table posts holds the latest revision of every post (a revision never replaces a newer one), "
          + "post_revisions every revision once; records that do not decode go to sink_rejects with the reason. "
          + "The tables are created and migrated by Flyway at start.",
      "One database transaction per polled batch; offsets are committed after it commits. Replaying the group "
          + "(./feedpipe replay --group feedpipe-sink-postgres …) leaves the tables exactly as they were. "
          + "While the database is down the sink retries the same batch and does not move on."
    },
    footer = {
      "",
      "The password comes from --password-file, else the environment variable PGPASSWORD, else the JDBC URL.",
      "Examples:",
      "  PGPASSWORD=secret ./feedpipe sink postgres --jdbc-url jdbc:postgresql://localhost:5432/feedpipe --user feedpipe",
      "  ./feedpipe sink postgres --jdbc-url jdbc:postgresql://db/feedpipe --user feedpipe --password-file /run/secrets/pg \\",
      "      --topic posts.route.papers --db-schema papers --group papers-to-postgres"
    })
public final class SinkPostgresCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Mixin MetricsOptions metricsOptions;

  @Option(names = "--jdbc-url", required = true, paramLabel = "URL", description = "The database, e.g. jdbc:postgresql://localhost:5432/feedpipe.")
  String jdbcUrl;

  @Option(names = "--user", paramLabel = "USER", description = "Database user.")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding the database password (default: $PGPASSWORD).")
  Path passwordFile;

  @Option(names = "--db-schema", paramLabel = "SCHEMA", description = "Database schema of the tables, created if missing (default: public).")
  String schema;

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "A topic of CleanPost values to write; repeatable (default: posts.clean; also posts.updates, posts.route.<rule>).")
  List<String> topics = new ArrayList<>();

  @Option(names = "--group", paramLabel = "GROUP", description = "Consumer group (default: " + PostgresSinkSettings.DEFAULT_GROUP + ").")
  String group;

  @Override
  public Integer call() throws Exception {
    FeedpipeConfig config = client.resolve();
    PostgresSinkSettings settings;
    try {
      List<String> names = SinkCommand.topicNames(config, topics);
      settings = new PostgresSinkSettings(jdbcUrl, Optional.ofNullable(user), password(), schema, names, group);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sink postgres: " + e.getMessage());
    }
    try (MetricsEndpoint endpoint = metricsOptions.open("sink-postgres")) {
      Map<String, Object> props = SinkLifecycle.watched(endpoint, ClientOptions.clientProps(config), settings.groupId(), "feedpipe-sink-postgres");
      PostgresSink sink = endpoint.enabled() ? new PostgresSink(settings, props, endpoint.registry()) : new PostgresSink(settings, props);
      endpoint.started();
      return SinkLifecycle.runUntilShutdown(sink::run, sink::stopAndAwait);
    }
  }

  private Optional<String> password() {
    if (passwordFile != null) {
      try {
        return Optional.of(Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new ConfigException("--password-file " + passwordFile + ": cannot read it (" + e.getMessage() + ")");
      }
    }
    return Optional.ofNullable(System.getenv("PGPASSWORD"));
  }
}
