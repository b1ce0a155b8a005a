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

  /** The limits every entry is mapped with: the defaults and this record budget. */
  public FieldLimits fieldLimits() {
    return FieldLimits.defaults().withMaxEntryBytes(maxEntryBytes);
  }

  /**
   * A static feed list polled at a fixed interval (min = max = {@code pollInterval}, whatever a
   * feed's posting rate), with the given fetch limits and topics; state in memory, every other
   * setting at its default. For one-off runs and tests; {@link #builder()} reaches every setting.
   */
  public ProducerSettings(List<FeedSource> feeds, Duration pollInterval, Duration fetchTimeout, long maxBodyBytes, String userAgent,
      String rawTopic, String statusTopic) {
    this(feeds, FetchPolicy.defaults().withTotalTimeout(positive("fetchTimeout", fetchTimeout)).withMaxBodyBytes(bodyLimit(maxBodyBytes))
            .withUserAgent(agent(userAgent)),
        fixed(positive("pollInterval", pollInterval)), FeedPoll.DEFAULT_MAX_ENTRIES, false, DEFAULT_GROUP_ID, rawTopic, statusTopic,
        null, DEFAULT_CONFIG_TOPIC, FieldLimits.DEFAULT_MAX_ENTRY_BYTES);
  }

  /** The given static feeds with every other setting at its default (strict network policy, state in memory). */
  public static ProducerSettings defaults(List<FeedSource> feeds) {
    return builder().feeds(feeds).build();
  }

  /**
   * Settings from their defaults: no feeds, strict network policy, default schedule and topics,
   * a static feed list, state in memory. Set at least the feeds, or {@link Builder#managedFeeds(boolean)}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds {@link ProducerSettings} by name instead of by position. {@link #build()} validates
   * the whole and names the setting at fault.
   */
  public static final class Builder {
    private List<FeedSource> feeds = List.of();
    private FetchPolicy fetch = FetchPolicy.defaults();
    private ScheduleSettings schedule = ScheduleSettings.defaults();
    private int maxEntriesPerFetch = FeedPoll.DEFAULT_MAX_ENTRIES;
    private boolean managedFeeds;
    private String groupId = DEFAULT_GROUP_ID;
    private String rawTopic = DEFAULT_RAW_TOPIC;
    private String statusTopic = DEFAULT_STATUS_TOPIC;
    private String stateTopic;
    private String configTopic = DEFAULT_CONFIG_TOPIC;
    private int maxEntryBytes = FieldLimits.DEFAULT_MAX_ENTRY_BYTES;

    private Builder() {}

    private Builder(ProducerSettings s) {
      feeds = s.feeds;
      fetch = s.fetch;
      schedule = s.schedule;
      maxEntriesPerFetch = s.maxEntriesPerFetch;
      managedFeeds = s.managedFeeds;
      groupId = s.groupId;
      rawTopic = s.rawTopic;
      statusTopic = s.statusTopic;
      stateTopic = s.stateTopic;
      configTopic = s.configTopic;
      maxEntryBytes = s.maxEntryBytes;
    }

    /** The feeds: the whole list when static, the initial list with {@link #managedFeeds}. */
    public Builder feeds(List<FeedSource> list) {
      this.feeds = list;
      return this;
    }

    /** Exactly these feeds, a static list (e.g. from --feed options): no managed list. */
    public Builder staticFeeds(List<FeedSource> list) {
      this.managedFeeds = false;
      return feeds(list);
    }

    public Builder fetch(FetchPolicy policy) {
      this.fetch = policy;
      return this;
    }

    public Builder schedule(ScheduleSettings settings) {
      this.schedule = settings;
      return this;
    }

    public Builder maxEntriesPerFetch(int max) {
      this.maxEntriesPerFetch = max;
      return this;
    }

    /** True: the feed list is {@link #configTopic}, shared by the instances of {@link #groupId}. */
    public Builder managedFeeds(boolean managed) {
      this.managedFeeds = managed;
      return this;
    }

    public Builder groupId(String group) {
      this.groupId = group;
      return this;
    }

    public Builder configTopic(String topic) {
      this.configTopic = topic;
      return this;
    }

    public Builder rawTopic(String topic) {
      this.rawTopic = topic;
      return this;
    }

    public Builder statusTopic(String topic) {
      this.statusTopic = topic;
      return this;
    }

    /** Null: state in memory only. */
    public Builder stateTopic(String topic) {
      this.stateTopic = topic;
      return this;
    }

    public Builder maxEntryBytes(int bytes) {
      this.maxEntryBytes = bytes;
      return this;
    }

    /** @throws IllegalArgumentException naming the setting at fault */
    public ProducerSettings build() {
      return new ProducerSettings(feeds, fetch, schedule, maxEntriesPerFetch, managedFeeds, groupId, rawTopic, statusTopic, stateTopic,
          configTopic, maxEntryBytes);
    }
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
