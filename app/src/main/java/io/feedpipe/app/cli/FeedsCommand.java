package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.ConfigLoader;
import io.feedpipe.app.config.DurationText;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaClientProperties;
import io.feedpipe.app.run.KafkaConnection;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.discover.FeedDiscovery;
import io.feedpipe.producer.discover.Opml;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.kafka.CompactedTopicReader;
import io.feedpipe.producer.kafka.FeedListClient;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.HealthState;
import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code feedpipe feeds …}: the managed feed list in the compacted {@code feeds.config} topic. */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = "Manages the feed list in the compacted feeds.config topic, which every producer instance (feed-list: topic) follows: "
        + "changes take effect within seconds, without restarts.",
    subcommands = {FeedsCommand.Add.class, FeedsCommand.Remove.class, FeedsCommand.ListFeeds.class, FeedsCommand.Health.class,
        FeedsCommand.Import.class, FeedsCommand.Export.class},
    footer = {
      "",
      "Examples:",
      "  ./feedpipe feeds add https://www.lesswrong.com/feed.xml --interval 15m",
      "  ./feedpipe feeds add https://example.org/blog/              finds the feed the page announces",
      "  ./feedpipe feeds list                                       each feed's health, last outcome, error streak and next poll",
      "  ./feedpipe feeds health                                     each feed's health: state, since when, why",
      "  ./feedpipe feeds health --state DEAD --state STALE          only the feeds that need looking at",
      "  ./feedpipe feeds import subscriptions.opml",
      "  ./feedpipe feeds export > feeds.opml",
      "  ./feedpipe feeds remove lesswrong"
    })
public final class FeedsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** Opens the feed list of the configured cluster (creating the topics when missing). */
  static FeedListClient open(FeedpipeConfig config, KafkaConnection kafka) {
    Map<String, Object> props = KafkaClientProperties.of(config, kafka.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      new TopicCreator(admin).ensure(config.topics().all());
    }
    return new FeedListClient(props, config.topics().feedsConfig(), config.topics().feedsState());
  }

  /** Each feed's health, read from feeds.health to its end; empty while the topic is (or does not exist). */
  static Map<String, FeedHealth> health(FeedpipeConfig config, KafkaConnection kafka) {
    return CompactedTopicReader.latest(KafkaClientProperties.of(config, kafka.bootstrapServers()), config.topics().feedsHealth(),
        AvroSerdes.deserializer(FeedHealth.class), Duration.ofSeconds(30));
  }

  private static String time(Instant t) {
    return t == null ? "-" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Adds a feed (or replaces the one with the same id). A web page URL is looked up for the feed it announces "
          + "(<link rel=\"alternate\" type=\"application/rss+xml\">).")
  static final class Add implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "The feed, or a web page announcing it (http, https; file: paths when allowed).")
    String url;

    @Option(names = "--id", description = "Stable id of the feed (default: derived from the URL). Post ids are scoped by it.")
    String id;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Poll this feed every DURATION (e.g. 15m) instead of adaptively; still within producer.min/max-interval.")
    String interval;

    @Option(names = "--route", paramLabel = "NAME", description = "Routing hint stored with the feed (repeatable).")
    List<String> routes = new ArrayList<>();

    @Option(names = "--no-discover", description = "Store the URL as given, without fetching it.")
    boolean noDiscover;

    @Override
    public Integer call() {
      FeedpipeConfig config = common.resolve();
      Duration every = null;
      if (interval != null) {
        try {
          every = DurationText.parse(interval);
        } catch (IllegalArgumentException e) {
          throw new ConfigException("--interval " + interval + ": " + e.getMessage());
        }
      }
      FeedSource source;
      try {
        source = FeedSource.fromUrl(ConfigLoader.toUrl(url, Path.of("").toAbsolutePath()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(url + ": " + e.getMessage());
      }
      if (source.isFile() && !config.producer().fetch().allowFileUrls()) {
        throw new ConfigException(url + ": file: feeds are not allowed in the managed list (set producer.allow-file-urls: true)");
      }
      String title = null;
      URI feedUrl = source.url();
      if (!noDiscover) {
        FeedDiscovery.Found found = new FeedDiscovery(new FeedFetcher(config.producer().fetch())).discover(source.url());
        feedUrl = found.url();
        title = found.title();
        if (found.discoveredFrom() != null) {
          spec.commandLine().getOut().println("found the feed " + feedUrl + " on " + found.discoveredFrom());
        }
      }
      FeedSource feed = new FeedSource(id != null ? id : FeedSource.fromUrl(feedUrl.toString()).id(), feedUrl, every);
      try (KafkaConnection kafka = KafkaConnection.open(config, false); FeedListClient feeds = open(config, kafka)) {
        feeds.put(FeedRecords.toConfig(feed, routes, title, Instant.now()));
      }
      spec.commandLine().getOut().println("added " + feed.id() + " " + feed.url() + (title == null ? "" : " (" + title + ")"));
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes feeds by id or URL; their producers stop polling them.")
  static final class Remove implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID|URL", arity = "1..*", description = "Feed ids or URLs.")
    List<String> which;

    @Override
    public Integer call() {
      FeedpipeConfig config = common.resolve();
      int missing = 0;
      try (KafkaConnection kafka = KafkaConnection.open(config, false); FeedListClient feeds = open(config, kafka)) {
        Map<String, FeedConfig> current = feeds.feeds();
        for (String w : which) {
          String feedId = current.containsKey(w) ? w
              : current.values().stream().filter(f -> f.getUrl().equals(w)).map(FeedConfig::getFeedId).findFirst().orElse(null);
          if (feedId == null) {
            spec.commandLine().getErr().println("no feed " + w);
            missing++;
            continue;
          }
          feeds.remove(feedId);
          spec.commandLine().getOut().println("removed " + feedId);
        }
      }
      return missing == 0 ? 0 : 1;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the feeds with their health (from feeds.health, kept by the Streams app), last outcome, error streak, "
          + "last poll, next poll and last error.")
  static final class ListFeeds implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FeedpipeConfig config = common.resolve();
      PrintWriter out = spec.commandLine().getOut();
      try (KafkaConnection kafka = KafkaConnection.open(config, false); FeedListClient feeds = open(config, kafka)) {
        Map<String, FeedConfig> list = feeds.feeds();
        Map<String, FeedPollState> states = feeds.states();
        Map<String, FeedHealth> health = health(config, kafka);
        out.printf("%-28s %-9s %-14s %6s %-20s %-20s %s%n", "FEED", "HEALTH", "LAST OUTCOME", "ERRORS", "LAST POLL", "NEXT POLL",
            "URL / LAST ERROR");
        for (FeedConfig feed : list.values()) {
          FeedPollState s = states.get(feed.getFeedId());
          boolean known = s != null && feed.getUrl().equals(s.feedUrl());
          FeedHealth h = health.get(feed.getFeedId());
          out.printf("%-28s %-9s %-14s %6s %-20s %-20s %s%n", feed.getFeedId(),
              h != null ? h.getState() : "-",
              known && s.lastOutcome() != null ? s.lastOutcome() : "(not polled)",
              known ? Integer.toString(s.errorStreak()) : "-",
              known ? time(s.lastPollAt()) : "-",
              known ? time(s.nextPollAt()) : "-",
              feed.getUrl() + (known && s.lastError() != null ? "  " + s.lastError() : ""));
        }
        out.println(list.size() + " feed(s)");
      }
      return 0;
    }
  }

  @Command(name = "health", mixinStandardHelpOptions = true,
      description = "Prints each feed's health as the Streams app keeps it in the compacted feeds.health topic: OK, DEGRADED "
          + "(errors in a row, or slow), DEAD (no success for health.dead-after), STALE (no change for health.stale-factor × its "
          + "usual interval), FLAPPING (many changes between success and failure); since when, the last success, errors in a row, why.")
  static final class Health implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--state", paramLabel = "STATE", description = "Only feeds in this state (repeatable): ${COMPLETION-CANDIDATES}.")
    List<HealthState> only = new ArrayList<>();

    @Override
    public Integer call() {
      FeedpipeConfig config = common.resolve();
      PrintWriter out = spec.commandLine().getOut();
      Map<String, FeedHealth> health;
      Map<String, FeedState> polled;
      try (KafkaConnection kafka = KafkaConnection.open(config, false)) {
        health = health(config, kafka);
        // feeds.health is rewritten only when a state, reason or error count changes (and hourly):
        // the producer's own state has the latest success to the poll.
        polled = CompactedTopicReader.latest(KafkaClientProperties.of(config, kafka.bootstrapServers()), config.topics().feedsState(),
            AvroSerdes.deserializer(FeedState.class), Duration.ofSeconds(30));
      }
      if (health.isEmpty()) {
        out.println("no feed health in " + config.topics().feedsHealth() + " yet: the Streams app (./feedpipe run or streams) "
            + "writes it from the producer's status events");
        return 0;
      }
      EnumSet<HealthState> wanted = only.isEmpty() ? EnumSet.allOf(HealthState.class) : EnumSet.copyOf(only);
      Map<HealthState, Integer> counts = new EnumMap<>(HealthState.class);
      out.printf("%-28s %-9s %-20s %-20s %6s %s%n", "FEED", "STATE", "SINCE", "LAST SUCCESS", "ERRORS", "REASON");
      for (FeedHealth h : health.values()) {
        counts.merge(h.getState(), 1, Integer::sum);
        if (!wanted.contains(h.getState())) {
          continue;
        }
        out.printf("%-28s %-9s %-20s %-20s %6d %s%n", h.getFeedId(), h.getState(), time(h.getSince()),
            time(latest(h.getLastSuccessAt(), polled.get(h.getFeedId()))), h.getErrorsInARow(), h.getReason() == null ? "" : h.getReason());
      }
      StringBuilder summary = new StringBuilder(health.size() + " feed(s)");
      String separator = ": ";
      for (var e : counts.entrySet()) {
        summary.append(separator).append(e.getValue()).append(' ').append(e.getKey());
        separator = ", ";
      }
      out.println(summary);
      return 0;
    }

    private static Instant latest(Instant fromHealth, FeedState state) {
      Instant fromState = state == null ? null : state.getLastSuccessAt();
      if (fromHealth == null || fromState != null && fromState.isAfter(fromHealth)) {
        return fromState;
      }
      return fromHealth;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = "Adds every feed of an OPML file (feeds already listed are replaced).")
  static final class Import implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE.opml")
    Path file;

    @Override
    public Integer call() throws Exception {
      FeedpipeConfig config = common.resolve();
      List<Opml.Outline> outlines = Opml.read(Files.readAllBytes(file));
      int added = 0;
      try (KafkaConnection kafka = KafkaConnection.open(config, false); FeedListClient feeds = open(config, kafka)) {
        for (Opml.Outline o : outlines) {
          FeedSource feed;
          try {
            feed = FeedSource.fromUrl(o.xmlUrl().toString());
          } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("skipped " + o.xmlUrl() + ": " + e.getMessage());
            continue;
          }
          if (feed.isFile()) {
            spec.commandLine().getErr().println("skipped " + o.xmlUrl() + ": file: URLs are not imported");
            continue;
          }
          feeds.put(FeedRecords.toConfig(feed, List.of(), o.title(), Instant.now()));
          added++;
        }
      }
      spec.commandLine().getOut().println("imported " + added + " of " + outlines.size() + " feed(s) from " + file);
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Writes the feed list as OPML 2.0 to standard output.")
  static final class Export implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FeedpipeConfig config = common.resolve();
      List<Opml.Outline> outlines = new ArrayList<>();
      try (KafkaConnection kafka = KafkaConnection.open(config, false); FeedListClient feeds = open(config, kafka)) {
        for (FeedConfig f : feeds.feeds().values()) {
          outlines.add(new Opml.Outline(URI.create(f.getUrl()), f.getTitle() != null ? f.getTitle() : f.getFeedId()));
        }
      }
      spec.commandLine().getOut().print(Opml.write("feedpipe feeds", outlines));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
