package io.feedpipe.producer.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the producer needs besides the Kafka connection. Validated on construction: an error
 * names the setting at fault.
 *
 * @param feeds the feeds to poll; at least one, with distinct ids
 * @param pollInterval time between the starts of two polling rounds. Default 5 min; lower it only
 *     for feeds that change often and tolerate it (many publishers rate-limit below 5–15 min)
 * @param fetchTimeout the longest one fetch may take, connect to last body byte. Default 30 s;
 *     raise it for slow servers with big feeds
 * @param maxBodyBytes the largest feed body accepted, after decompression. Default 15 MB; feeds
 *     above that are almost always mistakes (or decompression bombs)
 * @param userAgent sent with every HTTP request, so publishers can tell who polls them and how to
 *     reach us
 * @param rawTopic topic for every fetched entry ({@code FetchedPost}), keyed by post id
 * @param statusTopic topic for one {@code FeedStatus} per fetch, keyed by feed id
 */
public record ProducerSettings(
    List<FeedSource> feeds,
    Duration pollInterval,
    Duration fetchTimeout,
    long maxBodyBytes,
    String userAgent,
    String rawTopic,
    String statusTopic) {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(30);
  public static final long DEFAULT_MAX_BODY_BYTES = 15L * 1024 * 1024;
  public static final String DEFAULT_USER_AGENT = "feedpipe/0.1 (+https://github.com/feedpipe/feedpipe)";
  public static final String DEFAULT_RAW_TOPIC = "posts.raw";
  public static final String DEFAULT_STATUS_TOPIC = "feeds.status";

  // Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic).
  private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  public ProducerSettings {
    Objects.requireNonNull(feeds, "feeds");
    if (feeds.isEmpty()) {
      throw new IllegalArgumentException("feeds: at least one feed is required");
    }
    if (feeds.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("feeds: contains null");
    }
    feeds = List.copyOf(feeds);
    requireDistinctIds(feeds);
    requirePositive("pollInterval", pollInterval);
    requirePositive("fetchTimeout", fetchTimeout);
    if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      // A body is held in one byte array.
      throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 8) + ", was " + maxBodyBytes);
    }
    if (userAgent == null || userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent must not be blank");
    }
    requireTopic("rawTopic", rawTopic);
    requireTopic("statusTopic", statusTopic);
    if (rawTopic.equals(statusTopic)) {
      throw new IllegalArgumentException("rawTopic and statusTopic must differ, both are '" + rawTopic + "'");
    }
  }

  /** These settings with another feed list (e.g. from --feed options). */
  public ProducerSettings withFeeds(List<FeedSource> otherFeeds) {
    return new ProducerSettings(otherFeeds, pollInterval, fetchTimeout, maxBodyBytes, userAgent, rawTopic, statusTopic);
  }

  /** The given feeds with every other setting at its default. */
  public static ProducerSettings defaults(List<FeedSource> feeds) {
    return new ProducerSettings(
        feeds,
        DEFAULT_POLL_INTERVAL,
        DEFAULT_FETCH_TIMEOUT,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_USER_AGENT,
        DEFAULT_RAW_TOPIC,
        DEFAULT_STATUS_TOPIC);
  }

  private static void requireDistinctIds(List<FeedSource> feeds) {
    Map<String, FeedSource> byId = new HashMap<>();
    for (FeedSource feed : feeds) {
      FeedSource clash = byId.putIfAbsent(feed.id(), feed);
      if (clash != null) {
        throw new IllegalArgumentException(
            "feeds: id '" + feed.id() + "' is used by both " + clash.url() + " and " + feed.url() + "; give one an explicit id");
      }
    }
  }

  private static void requirePositive(String setting, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be positive, was " + value);
    }
  }

  private static void requireTopic(String setting, String topic) {
    if (topic == null || !LEGAL_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(setting + " '" + topic + "' is not a legal Kafka topic name (1–249 of a-z A-Z 0-9 . _ -)");
    }
  }
}
