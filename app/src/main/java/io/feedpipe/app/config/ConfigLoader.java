package io.feedpipe.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.streams.topology.StreamsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link FeedpipeConfig}: the built-in defaults ({@code feedpipe-defaults.yaml}, which
 * also documents every setting), overlaid by the user's file (maps merge, lists replace), then
 * validated with errors that name the file and the setting.
 */
public final class ConfigLoader {
  public static final String DEFAULTS_RESOURCE = "/feedpipe-defaults.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path home;

  /** @param home the feedpipe installation; relative feed paths in the built-in defaults resolve against it */
  public ConfigLoader(Path home) {
    this.home = home;
  }

  public FeedpipeConfig load(Optional<Path> userFile) {
    ObjectNode merged = (ObjectNode) readDefaults();
    String source = "built-in defaults";
    Path feedBase = home;
    if (userFile.isPresent()) {
      Path file = userFile.get().toAbsolutePath();
      JsonNode user = readFile(file);
      source = file.toString();
      if (user != null && !user.isNull() && !user.isMissingNode()) {
        if (!user.isObject()) {
          throw new ConfigException(source + ": must be a YAML mapping of settings");
        }
        if (user.has("feeds")) {
          feedBase = file.getParent();
        }
        merge(merged, (ObjectNode) user);
      }
    }
    return build(new ConfigNode("", merged, source), feedBase);
  }

  private FeedpipeConfig build(ConfigNode root, Path feedBase) {
    root.allowOnly("kafka", "broker", "data-dir", "feeds", "producer", "streams", "topics", "routes", "cleaner", "health");
    ConfigNode kafka = root.section("kafka");
    kafka.allowOnly("bootstrap-servers", "properties");
    ConfigNode broker = root.section("broker");
    broker.allowOnly("port");
    ConfigNode streams = root.section("streams");
    streams.allowOnly("application-id", "threads", "dedupe-retention", "rocksdb-memory", "max-post-size");
    ConfigNode topics = root.section("topics");
    topics.allowOnly("prefix", "partitions", "replication-factor", "retention");
    String prefix = topicsPrefix(root);

    Optional<String> bootstrap = kafka.has("bootstrap-servers") ? Optional.of(kafka.requiredString("bootstrap-servers")) : Optional.empty();
    Optional<Short> rf = topics.has("replication-factor")
        ? Optional.of((short) topics.integer("replication-factor", 1, Short.MAX_VALUE)) : Optional.empty();
    try {
      return new FeedpipeConfig(
          bootstrap,
          kafka.stringMap("properties"),
          broker.integer("port", 1, 65535),
          Path.of(root.requiredString("data-dir")),
          ProducerSection.read(root, feedBase),
          // Unset: <topics.prefix>feedpipe-streams, so the internal topics named after it share the prefix.
          streams.has("application-id") ? streams.requiredString("application-id") : StreamsSettings.defaultApplicationId(prefix),
          streams.integer("threads", 1, 64),
          streams.duration("dedupe-retention"),
          streams.size("rocksdb-memory"),
          streams.size("max-post-size"),
          topics.integer("partitions", 1, 10_000),
          rf,
          topics.duration("retention"),
          prefix,
          RoutesSection.read(root),
          CleanerSection.read(root),
          HealthSection.read(root));
    } catch (IllegalArgumentException e) {
      throw root.error(e.getMessage());
    }
  }

  /** {@code topics.prefix}, empty when unset; an error naming the setting when Kafka would refuse it in a topic name. */
  static String topicsPrefix(ConfigNode root) {
    ConfigNode topics = root.section("topics");
    String prefix = topics.string("prefix");
    try {
      return FeedpipeTopics.requirePrefix(prefix == null ? "" : prefix.strip());
    } catch (IllegalArgumentException e) {
      throw topics.error(topics.path("prefix"), e.getMessage().replaceFirst("^topics\\.prefix ", ""));
    }
  }

  /** http(s) and file: URLs as given; anything else is a path, relative to {@code base}. */
  public static String toUrl(String urlOrPath, Path base) {
    String s = urlOrPath.strip();
    if (s.matches("(?i)^(https?|file):.*")) {
      return s;
    }
    if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return s; // an unsupported scheme: let the feed validation name it
    }
    Path path = base.resolve(s).normalize().toAbsolutePath();
    return URI.create(path.toUri().toString()).toString();
  }

  private static JsonNode readDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " missing from the classpath");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in defaults", e);
    }
  }

  private static JsonNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("--config " + file + ": no such file");
    }
    try {
      return YAML.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Overlays {@code user} onto {@code base}: mappings merge key by key, anything else replaces. */
  static void merge(ObjectNode base, ObjectNode user) {
    for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode existing = base.get(e.getKey());
      if (existing instanceof ObjectNode existingObject && e.getValue() instanceof ObjectNode userObject) {
        merge(existingObject, userObject);
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }
}
