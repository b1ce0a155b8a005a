package io.feedpipe.producer.config;

import io.feedpipe.producer.fetch.FetchPolicy;
import io.feedpipe.producer.map.FieldLimits;
import io.feedpipe.producer.poll.FeedPoll;
import io.feedpipe.producer.schedule.ScheduleSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything the producer needs besides the Kafka connection. Validated on construction: an error
 * names the setting at fault.
 *
 * @param feeds the feeds to poll when the list is static (config file, {@code --feed}); with
 *     {@code managedFeeds} they are only the initial list (see below)
 * @param fetch timeouts, size and redirect limits, network policy, User-Agent. The {@code file:}
 *     URLs of {@code feeds} are allowed automatically (configuring one is enabling it); others, such
 *     as {@code feeds.config} entries, only with {@code allow-file-urls}
 * @param schedule intervals, backoff and per-host politeness
 * @param maxEntriesPerFetch entries taken from one document at most (the first, i.e. usually
 *     newest). Default 1000
 * @param managedFeeds true: the feed list is the compacted {@code feeds.config} topic, shared by
 *     every producer instance of {@code groupId} (each feed polled by one instance); {@code feeds}
 *     is written to it on first start, when it is empty. false: poll exactly {@code feeds}
 * @param groupId consumer group of the producer instances sharing {@code feeds.config}
 * @param rawTopic topic for every fetched entry ({@code FetchedPost}), keyed by post id
 * @param statusTopic topic for one {@code FeedStatus} per fetch, keyed by feed id
 * @param stateTopic compacted topic of each feed's {@code FeedState}; null: state in memory only
 *     (a restart fetches every feed in full)
 * @param configTopic compacted topic of the managed feed list ({@code FeedConfig})
 * @param maxEntryBytes the budget of one {@code posts.raw} record, key included ({@code
 *     max-entry-size}): an entry over it is kept with its content, then summary, cut at a block
 *     boundary and marked truncated. Default 900 KiB, under the Kafka producer's {@code
 *     max.request.size} (1 MiB by default; keep it above this) and the broker's {@code
 *     message.max.bytes}. At least {@value io.feedpipe.producer.map.FieldLimits#MIN_ENTRY_BYTES}
 */
public record ProducerSettings(
    List<FeedSource> feeds,
    FetchPolicy fetch,
    ScheduleSettings schedule,
    int maxEntriesPerFetch,
    boolean managedFeeds,
    String groupId,
    String rawTopic,
    String statusTopic,
    String stateTopic,
    String configTopic,
    int maxEntryBytes) {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_FETCH_TIMEOUT = FetchPolicy.DEFAULT_TOTAL_TIMEOUT;
  public static final long DEFAULT_MAX_BODY_BYTES = FetchPolicy.DEFAULT_MAX_BODY_BYTES;
  public static final String DEFAULT_USER_AGENT = FetchPolicy.DEFAULT_USER_AGENT;
  public static final String DEFAULT_RAW_TOPIC = "posts.raw";
  public static final String DEFAULT_STATUS_TOPIC = "feeds.status";
  public static final String DEFAULT_STATE_TOPIC = "feeds.state";
  public static final String DEFAULT_CONFIG_TOPIC = "feeds.config";
  public static final String DEFAULT_GROUP_ID = "feedpipe-producer";

  // Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic).
  private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  public ProducerSettings {
    Objects.requireNonNull(feeds, "feeds");
    if (feeds.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("feeds: contains null");
    }
    feeds = List.copyOf(feeds);
    if (feeds.isEmpty() && !managedFeeds) {
      throw new IllegalArgumentException("feeds: at least one feed is required");
    }
    requireDistinctIds(feeds);
    Objects.requireNonNull(fetch, "fetch");
    Objects.requireNonNull(schedule, "schedule");
    // A file: feed in the configuration is an explicit choice for that file only; feeds added to
    // feeds.config later (anyone with write access to the topic) need producer.allow-file-urls.
    fetch = fetch.withConfiguredFiles(feeds.stream().filter(FeedSource::isFile).map(FeedSource::url).collect(Collectors.toSet()));
    if (maxEntriesPerFetch < 1) {
      throw new IllegalArgumentException("max-entries-per-fetch must be at least 1, was " + maxEntriesPerFetch);
    }
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("group-id must not be blank");
    }
    requireTopic("rawTopic", rawTopic);
    requireTopic("statusTopic", statusTopic);
    if (stateTopic != null) {
      requireTopic("stateTopic", stateTopic);
    }
    requireTopic("configTopic", configTopic);
    if (rawTopic.equals(statusTopic)) {
      throw new IllegalArgumentException("rawTopic and statusTopic must differ, both are '" + rawTopic + "'");
    }
    FieldLimits.defaults().withMaxEntryBytes(maxEntryBytes); // names max-entry-size when out of range
  }

  /** Settings with the default record budget ({@link FieldLimits#DEFAULT_MAX_ENTRY_BYTES}). */
  public ProducerSettings(List<FeedSource> feeds, FetchPolicy fetch, ScheduleSettings schedule, int maxEntriesPerFetch,
      boolean managedFeeds, String groupId, String rawTopic, String statusTopic, String stateTopic, String configTopic) {
    this(feeds, fetch, schedule, maxEntriesPerFetch, managedFeeds, groupId, rawTopic, statusTopic, stateTopic, configTopic,
        FieldLimits.DEFAULT_MAX_ENTRY_BYTES);
  }

  /** The limits every entry is mapped with: the defaults and this record budget. */
  public FieldLimits fieldLimits() {
    return FieldLimits.defaults().withMaxEntryBytes(maxEntryBytes);
  }

  public ProducerSettings withMaxEntryBytes(int bytes) {
    return new ProducerSettings(feeds, fetch, schedule, maxEntriesPerFetch, managedFeeds, groupId, rawTopic, statusTopic, stateTopic,
        configTopic, bytes);
  }

  /**
   * The walking skeleton's settings: a static feed list polled every {@code pollInterval} (fixed:
   * min = max = the interval), state in memory. Other settings at their defaults.
   */
  public ProducerSettings(List<FeedSource> feeds, Duration pollInterval, Duration fetchTimeout, long maxBodyBytes, String userAgent,
      String rawTopic, String statusTopic) {
    this(feeds, FetchPolicy.defaults().withTotalTimeout(positive("fetchTimeout", fetchTimeout)).withMaxBodyBytes(bodyLimit(maxBodyBytes))
            .withUserAgent(agent(userAgent)),
        fixed(positive("pollInterval", pollInterval)), FeedPoll.DEFAULT_MAX_ENTRIES, false, DEFAULT_GROUP_ID, rawTopic, statusTopic,
        null, DEFAULT_CONFIG_TOPIC);
  }

  /** The given static feeds with every other setting at its default (strict network policy, state in memory). */
  public static ProducerSettings defaults(List<FeedSource> feeds) {
    return new ProducerSettings(feeds, FetchPolicy.defaults(), ScheduleSettings.defaults(), FeedPoll.DEFAULT_MAX_ENTRIES, false,
        DEFAULT_GROUP_ID, DEFAULT_RAW_TOPIC, DEFAULT_STATUS_TOPIC, null, DEFAULT_CONFIG_TOPIC);
  }

  /** These settings with another, static, feed list (e.g. from --feed options). */
  public ProducerSettings withFeeds(List<FeedSource> otherFeeds) {
    return new ProducerSettings(otherFeeds, fetch, schedule, maxEntriesPerFetch, false, groupId, rawTopic, statusTopic, stateTopic,
        configTopic, maxEntryBytes);
  }

  public ProducerSettings withFetch(FetchPolicy policy) {
    return new ProducerSettings(feeds, policy, schedule, maxEntriesPerFetch, managedFeeds, groupId, rawTopic, statusTopic, stateTopic,
        configTopic, maxEntryBytes);
  }

  public ProducerSettings withSchedule(ScheduleSettings scheduleSettings) {
    return new ProducerSettings(feeds, fetch, scheduleSettings, maxEntriesPerFetch, managedFeeds, groupId, rawTopic, statusTopic,
        stateTopic, configTopic, maxEntryBytes);
  }

  /** The feed list from {@code configTopic} shared by group {@code group}, state kept in {@code state}. */
  public ProducerSettings withManagedFeeds(String group, String config, String state) {
    return new ProducerSettings(feeds, fetch, schedule, maxEntriesPerFetch, true, group, rawTopic, statusTopic, state, config, maxEntryBytes);
  }

  public ProducerSettings withTopics(String raw, String status, String state) {
    return new ProducerSettings(feeds, fetch, schedule, maxEntriesPerFetch, managedFeeds, groupId, raw, status, state, configTopic, maxEntryBytes);
  }

  public ProducerSettings withMaxEntriesPerFetch(int max) {
    return new ProducerSettings(feeds, fetch, schedule, max, managedFeeds, groupId, rawTopic, statusTopic, stateTopic, configTopic,
        maxEntryBytes);
  }

  /** Default interval of feeds without a known posting rate. */
  public Duration pollInterval() {
    return schedule.defaultInterval();
  }

  public Duration fetchTimeout() {
    return fetch.totalTimeout();
  }

  public long maxBodyBytes() {
    return fetch.maxBodyBytes();
  }

  public String userAgent() {
    return fetch.userAgent();
  }

  private static ScheduleSettings fixed(Duration interval) {
    ScheduleSettings d = ScheduleSettings.defaults();
    return new ScheduleSettings(interval, interval, interval, d.backoffBase(), d.backoffCap(), d.jitter(), d.perHostConcurrency(),
        d.perHostGap(), d.maxConcurrentFetches());
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

  private static long bodyLimit(long maxBodyBytes) {
    if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 8) + ", was " + maxBodyBytes);
    }
    return maxBodyBytes;
  }

  private static String agent(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent must not be blank");
    }
    return userAgent;
  }

  private static Duration positive(String setting, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be positive, was " + value);
    }
    return value;
  }

  private static void requireTopic(String setting, String topic) {
    if (topic == null || !LEGAL_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(setting + " '" + topic + "' is not a legal Kafka topic name (1–249 of a-z A-Z 0-9 . _ -)");
    }
  }
}
