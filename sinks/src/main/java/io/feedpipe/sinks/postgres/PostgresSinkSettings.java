package io.feedpipe.sinks.postgres;

import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the PostgreSQL sink.
 *
 * @param jdbcUrl the database, e.g. {@code jdbc:postgresql://db:5432/feedpipe}
 * @param user the database user; empty: the driver's default (or the URL's {@code user=})
 * @param password empty: none, or the URL's {@code password=}
 * @param schema the database schema holding the tables (default {@code public}); created when missing
 * @param topics topics of {@code CleanPost} values (default {@code posts.clean}; also {@code
 *     posts.updates}, {@code posts.route.<rule>}, or a copy made by {@code feedpipe replay --into})
 * @param groupId the consumer group (default {@code feedpipe-sink-postgres})
 */
public record PostgresSinkSettings(String jdbcUrl, Optional<String> user, Optional<String> password, String schema, List<String> topics,
    String groupId) {

  public static final String DEFAULT_GROUP = "feedpipe-sink-postgres";
  public static final String DEFAULT_SCHEMA = "public";

  public PostgresSinkSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("JDBC URL '" + jdbcUrl + "' is not a PostgreSQL one (jdbc:postgresql://HOST[:PORT]/DATABASE)");
    }
    user = user == null ? Optional.empty() : user.filter(u -> !u.isBlank());
    password = password == null ? Optional.empty() : password;
    schema = schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema.strip();
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database schema '" + schema + "' must be a plain lower-case identifier (letters, digits, '_')");
    }
    topics = List.copyOf(new LinkedHashSet<>(topics == null || topics.isEmpty() ? List.of(FeedpipeTopics.CLEAN) : topics));
    for (String topic : topics) {
      if (topic.equals(FeedpipeTopics.RAW) || topic.equals(FeedpipeTopics.STATUS) || topic.equals(FeedpipeTopics.DLQ)) {
        throw new IllegalArgumentException("topic " + topic + " does not hold CleanPost values; the postgres sink reads posts.clean, "
            + "posts.updates, posts.route.<rule> or a copy of one of them");
      }
      if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
        throw new IllegalArgumentException("topic '" + topic + "' is not a legal Kafka topic name");
      }
    }
    groupId = groupId == null || groupId.isBlank() ? DEFAULT_GROUP : groupId.strip();
  }

  public static PostgresSinkSettings of(String jdbcUrl, String user, String password) {
    return new PostgresSinkSettings(jdbcUrl, Optional.ofNullable(user), Optional.ofNullable(password), null, List.of(), null);
  }

  public PostgresSinkSettings withTopics(List<String> newTopics) {
    return new PostgresSinkSettings(jdbcUrl, user, password, schema, newTopics, groupId);
  }

  public PostgresSinkSettings withGroup(String newGroup) {
    return new PostgresSinkSettings(jdbcUrl, user, password, schema, topics, newGroup);
  }

  public PostgresSinkSettings withSchema(String newSchema) {
    return new PostgresSinkSettings(jdbcUrl, user, password, newSchema, topics, groupId);
  }

  @Override
  public String toString() { // never print the password
    return "PostgresSinkSettings[jdbcUrl=" + jdbcUrl.replaceAll("(?i)password=[^&]*", "password=***") + ", user=" + user.orElse("")
        + ", schema=" + schema + ", topics=" + topics + ", groupId=" + groupId + "]";
  }
}
