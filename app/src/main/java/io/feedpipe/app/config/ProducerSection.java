package io.feedpipe.app.config;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.fetch.FetchPolicy;
import io.feedpipe.producer.schedule.ScheduleSettings;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** Reads the {@code feeds:} list and the {@code producer:} section into {@link ProducerSettings}. */
final class ProducerSection {
  private ProducerSection() {}

  static ProducerSettings read(ConfigNode root, Path feedBase) {
    ConfigNode producer = root.section("producer");
    producer.allowOnly("feed-list", "group-id", "poll-interval", "min-interval", "max-interval", "backoff-base", "backoff-cap",
        "backoff-jitter", "fetch-timeout", "connect-timeout", "read-timeout", "max-body-size", "max-redirects", "max-entries-per-fetch",
        "allow-file-urls", "allowed-networks", "per-host-concurrency", "per-host-gap", "max-concurrent-fetches", "user-agent", "max-entry-size",
        "max-bytes-in-flight");
    String feedList = producer.requiredString("feed-list").toLowerCase(Locale.ROOT);
    if (!feedList.equals("topic") && !feedList.equals("config")) {
      throw producer.error(producer.path("feed-list"), "must be 'topic' (the managed list in feeds.config) or 'config' (exactly the feeds: list), got '"
          + feedList + "'");
    }
    boolean managed = feedList.equals("topic");
    List<FeedSource> feeds = feeds(root, feedBase, !managed);
    AddressPolicy addresses;
    try {
      addresses = AddressPolicy.of(producer.strings("allowed-networks"));
    } catch (IllegalArgumentException e) {
      throw producer.error(producer.path("allowed-networks"), e.getMessage());
    }
    try {
      FetchPolicy fetch = FetchPolicy.builder()
          .timeouts(producer.duration("connect-timeout"), producer.duration("read-timeout"), producer.duration("fetch-timeout"))
          .maxBodyBytes(producer.size("max-body-size"))
          .maxRedirects(producer.integer("max-redirects", 0, 20))
          .allowFileUrls(bool(producer, "allow-file-urls"))
          .addresses(addresses)
          .userAgent(producer.requiredString("user-agent"))
          .maxBytesInFlight(producer.size("max-bytes-in-flight"))
          .build();
      ScheduleSettings schedule = new ScheduleSettings(producer.duration("poll-interval"), producer.duration("min-interval"),
          producer.duration("max-interval"), producer.duration("backoff-base"), producer.duration("backoff-cap"),
          fraction(producer, "backoff-jitter"), producer.integer("per-host-concurrency", 1, 1000), producer.duration("per-host-gap"),
          producer.integer("max-concurrent-fetches", 1, 1000));
      return ProducerSettings.builder()
          .feeds(feeds)
          .fetch(fetch)
          .schedule(schedule)
          .maxEntriesPerFetch(producer.integer("max-entries-per-fetch", 1, 1_000_000))
          .managedFeeds(managed)
          .groupId(producer.requiredString("group-id"))
          .rawTopic(topics(root).raw())
          .statusTopic(topics(root).status())
          .stateTopic(topics(root).feedsState())
          .configTopic(topics(root).feedsConfig())
          .maxEntryBytes((int) Math.min(Integer.MAX_VALUE, producer.size("max-entry-size")))
          .build();
    } catch (IllegalArgumentException e) {
      throw producer.error(e.getMessage());
    }
  }

  static List<FeedSource> feeds(ConfigNode root, Path base) {
    return feeds(root, base, true);
  }

  private static List<FeedSource> feeds(ConfigNode root, Path base, boolean required) {
    List<FeedSource> feeds = new ArrayList<>();
    var ids = new HashSet<String>();
    for (ConfigNode feed : root.list("feeds")) {
      feed.allowOnly("id", "url", "interval");
      String url = feed.requiredString("url");
      FeedSource source;
      try {
        FeedSource derived = FeedSource.fromUrl(ConfigLoader.toUrl(url, base));
        source = feed.has("id") ? new FeedSource(feed.requiredString("id"), derived.url()) : derived;
        if (feed.has("interval")) {
          source = source.withInterval(feed.duration("interval"));
        }
      } catch (IllegalArgumentException e) {
        throw feed.error(e.getMessage());
      }
      if (!ids.add(source.id())) {
        throw feed.error("id '" + source.id() + "' is used by two feeds; give one of them another id");
      }
      feeds.add(source);
    }
    if (feeds.isEmpty() && required) {
      throw root.error("feeds", "is empty: configure at least one feed, or pass --feed URL");
    }
    return feeds;
  }

  private static boolean bool(ConfigNode node, String key) {
    String value = node.requiredString(key).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw node.error(node.path(key), "must be true or false, got '" + value + "'");
    };
  }

  private static double fraction(ConfigNode node, String key) {
    String value = node.requiredString(key);
    try {
      double d = Double.parseDouble(value);
      if (!(d >= 0 && d <= 1)) {
        throw node.error(node.path(key), "must be between 0 and 1, got " + value);
      }
      return d;
    } catch (NumberFormatException e) {
      throw node.error(node.path(key), "must be a number between 0 and 1, got '" + value + "'");
    }
  }

  /** feedpipe's topic names under {@code topics.prefix} (the producer's are raw, status, state and config). */
  private static FeedpipeTopics topics(ConfigNode root) {
    return FeedpipeTopics.defaults(List.of()).withPrefix(ConfigLoader.topicsPrefix(root));
  }
}
