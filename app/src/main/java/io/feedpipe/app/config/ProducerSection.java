package io.feedpipe.app.config;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Reads the {@code feeds:} list and the {@code producer:} section into {@link ProducerSettings}. */
final class ProducerSection {
  private ProducerSection() {}

  static ProducerSettings read(ConfigNode root, Path feedBase) {
    ConfigNode producer = root.section("producer");
    producer.allowOnly("poll-interval", "fetch-timeout", "max-body-size", "user-agent");
    List<FeedSource> feeds = feeds(root, feedBase);
    try {
      return new ProducerSettings(feeds, producer.duration("poll-interval"), producer.duration("fetch-timeout"),
          producer.size("max-body-size"), producer.requiredString("user-agent"), FeedpipeTopics.RAW, FeedpipeTopics.STATUS);
    } catch (IllegalArgumentException e) {
      throw producer.error(e.getMessage());
    }
  }

  static List<FeedSource> feeds(ConfigNode root, Path base) {
    List<FeedSource> feeds = new ArrayList<>();
    var ids = new HashSet<String>();
    for (ConfigNode feed : root.list("feeds")) {
      feed.allowOnly("id", "url");
      String url = feed.requiredString("url");
      FeedSource source;
      try {
        FeedSource derived = FeedSource.fromUrl(ConfigLoader.toUrl(url, base));
        source = feed.has("id") ? new FeedSource(feed.requiredString("id"), derived.url()) : derived;
      } catch (IllegalArgumentException e) {
        throw feed.error(e.getMessage());
      }
      if (!ids.add(source.id())) {
        throw feed.error("id '" + source.id() + "' is used by two feeds; give one of them another id");
      }
      feeds.add(source);
    }
    if (feeds.isEmpty()) {
      throw root.error("feeds", "is empty: configure at least one feed, or pass --feed URL");
    }
    return feeds;
  }
}
