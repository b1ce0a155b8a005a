package io.feedpipe.sinks.jsonl;

import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the JSON-lines archive sink.
 *
 * @param dir the archive directory; one folder per topic under it. One sink per directory.
 * @param topics the topics to archive (default {@code posts.clean}); any topic works, feedpipe's are decoded
 * @param groupId the consumer group (default {@code feedpipe-sink-jsonl}); its committed offsets
 *     follow the files, for {@code feedpipe lag}, but the sink resumes from the files
 * @param instanceId static group membership ({@code group.instance.id}): a sink restarted after a
 *     crash takes its partitions back at once instead of after the session timeout. Default: host
 *     name and a hash of the directory, so two sinks on one host with different directories differ
 * @param rollBytes start a new file once the current one holds this many compressed bytes
 *     (default 64 MB); bigger files, fewer of them
 * @param rollInterval start a new file once the current one is this old (default 5 minutes): the
 *     longest a record waits before it is in a finished file
 * @param maxLineBytes the longest line the archive takes (default 64 MB, at least 1 KB); a record
 *     whose line would be longer goes to the partition's rejects file instead, so that no reader of
 *     the archive meets a line it cannot hold. Raise it with the topics' {@code max.message.bytes}
 *     (a line can be several times its record: escapes, base64)
 */
public record JsonlSinkSettings(Path dir, List<String> topics, String groupId, String instanceId, long rollBytes, Duration rollInterval,
    int maxLineBytes) {

  public static final String DEFAULT_GROUP = "feedpipe-sink-jsonl";
  public static final long DEFAULT_ROLL_BYTES = 64L * 1024 * 1024;
  public static final Duration DEFAULT_ROLL_INTERVAL = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

  public JsonlSinkSettings {
    Objects.requireNonNull(dir, "dir");
    dir = dir.toAbsolutePath().normalize();
    topics = List.copyOf(new LinkedHashSet<>(topics == null || topics.isEmpty() ? List.of(FeedpipeTopics.CLEAN) : topics));
    for (String topic : topics) {
      if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
        throw new IllegalArgumentException("topic '" + topic + "' is not a legal Kafka topic name");
      }
    }
    groupId = groupId == null || groupId.isBlank() ? DEFAULT_GROUP : groupId.strip();
    instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId(groupId, dir) : instanceId.strip();
    if (rollBytes < 1024) {
      throw new IllegalArgumentException("roll size must be at least 1KB, got " + rollBytes + " bytes");
    }
    if (rollInterval == null || rollInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("roll interval must be at least 100ms, got " + rollInterval);
    }
    if (maxLineBytes < 1024) {
      throw new IllegalArgumentException("longest line must be at least 1KB, got " + maxLineBytes + " bytes");
    }
  }

  /** The default longest line ({@link #DEFAULT_MAX_LINE_BYTES}). */
  public JsonlSinkSettings(Path dir, List<String> topics, String groupId, String instanceId, long rollBytes, Duration rollInterval) {
    this(dir, topics, groupId, instanceId, rollBytes, rollInterval, DEFAULT_MAX_LINE_BYTES);
  }

  public JsonlSinkSettings withMaxLineBytes(int newMaxLineBytes) {
    return new JsonlSinkSettings(dir, topics, groupId, instanceId, rollBytes, rollInterval, newMaxLineBytes);
  }

  public static JsonlSinkSettings defaults(Path dir) {
    return new JsonlSinkSettings(dir, List.of(), null, null, DEFAULT_ROLL_BYTES, DEFAULT_ROLL_INTERVAL);
  }

  static String defaultInstanceId(String groupId, Path dir) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(dir.toString().getBytes(StandardCharsets.UTF_8));
      return groupId + "-" + host.replaceAll("[^a-zA-Z0-9._-]", "_") + "-" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
