package io.feedpipe.bench.producer;

import io.feedpipe.bench.support.TempDirectories;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.producer.kafka.PollSummary;
import io.feedpipe.producer.schedule.ScheduleSettings;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One {@code bench-producer} run: fetch + parse + map + produce through the real {@link
 * FeedProducer} over N feeds served on 127.0.0.1 ({@link BenchFeedServer}), into an embedded broker
 * (temporary data directory, free port) or an existing cluster. Two rounds: the first fetches every
 * feed (200, all posts), the second sends the stored validators and a fraction of the feeds answers
 * 304. Each round is measured: wall time, what the producer did, where the CPU time went ({@link
 * CpuAccount}) and the heap's peak. The run writes to topics of its own
 * (bench-&lt;time&gt;.posts.raw, bench-&lt;time&gt;.feeds.status), deleted afterwards on an existing
 * cluster.
 */
public final class ProducerBenchRun {

  /**
   * What to run; the command checks the ranges.
   *
   * @param feeds local feeds
   * @param notModifiedRatio fraction of the feeds answering 304 Not Modified in the second round
   * @param postsPerFeed items per feed document
   * @param postSize approximate HTML bytes per item
   * @param concurrency the producer's max-concurrent-fetches
   * @param bootstrapServers an existing cluster; empty: an embedded broker
   */
  public record Options(int feeds, double notModifiedRatio, int postsPerFeed, int postSize, int concurrency,
      Optional<String> bootstrapServers) {
    /** The feeds that answer 304 in the second round. */
    public int notModified() {
      return (int) Math.round(feeds * notModifiedRatio);
    }
  }

  /**
   * A measured round.
   *
   * @param wallSeconds how long the round took
   * @param peakHeap the heap pools' peaks in the round, summed (an upper bound), bytes
   */
  public record RoundResult(String name, PollSummary summary, double wallSeconds, CpuAccount.Round cpu, long peakHeap) {}

  /** What the caller learns as the run goes, to print it. */
  public interface Listener {
    /** The feeds are served and the topics exist on the cluster at {@code servers}; the rounds start. */
    void ready(String servers);

    /** A round has ended. */
    void round(RoundResult round);
  }

  private final Options options;

  public ProducerBenchRun(Options options) {
    this.options = options;
  }

  public void run(Listener listener) throws Exception {
    Options o = options;
    Path dataDir = null;
    EmbeddedKafkaBroker broker = null;
    // A topics.prefix of its own: bench-<time>.posts.raw and bench-<time>.feeds.status never meet a pipeline's topics.
    FeedpipeTopics topics = FeedpipeTopics.defaults(List.of()).withPrefix("bench-" + Long.toString(System.currentTimeMillis(), 36) + ".");
    String raw = topics.raw();
    String status = topics.status();
    try (BenchFeedServer server = new BenchFeedServer(o.feeds(), o.notModified(), o.postsPerFeed(), o.postSize(),
        Math.max(4, o.concurrency()))) {
      String servers;
      if (o.bootstrapServers().isPresent()) {
        servers = o.bootstrapServers().get();
      } else {
        dataDir = Files.createTempDirectory("feedpipe-bench-");
        broker = EmbeddedKafkaBroker.start(new BrokerConfig("127.0.0.1", 0, dataDir.resolve("kafka"), Map.of()));
        servers = broker.bootstrapServers();
      }
      Map<String, Object> kafka = Map.of("bootstrap.servers", servers);
      try (Admin admin = Admin.create(kafka)) {
        admin.createTopics(List.of(new NewTopic(raw, Optional.of(6), Optional.empty()), new NewTopic(status, Optional.of(3), Optional.empty())))
            .all().get();
      }
      listener.ready(servers);
      try (FeedProducer producer = new FeedProducer(producerSettings(server, raw, status), kafka)) {
        listener.round(round("1: all fetched (200)", producer));
        listener.round(round("2: " + Math.round(o.notModifiedRatio() * 100) + "% not modified (304)", producer));
      }
      if (o.bootstrapServers().isPresent()) {
        try (Admin admin = Admin.create(kafka)) {
          admin.deleteTopics(List.of(raw, status)).all().get();
        }
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
      if (dataDir != null) {
        TempDirectories.deleteQuietly(dataDir);
      }
    }
  }

  private ProducerSettings producerSettings(BenchFeedServer server, String raw, String status) {
    List<FeedSource> sources = new ArrayList<>(options.feeds());
    for (int i = 0; i < options.feeds(); i++) {
      sources.add(new FeedSource("bench-" + i, URI.create(server.url(i))));
    }
    ProducerSettings defaults = ProducerSettings.defaults(sources);
    // Every feed is on one host (127.0.0.1): no per-host gap, the host may take every fetch.
    ScheduleSettings schedule = defaults.schedule().withHostLimits(options.concurrency(), Duration.ZERO, options.concurrency());
    return defaults.toBuilder()
        .fetch(defaults.fetch().withAddresses(AddressPolicy.allowingLoopback()))
        .schedule(schedule)
        .rawTopic(raw)
        .statusTopic(status)
        .build();
  }

  private static RoundResult round(String name, FeedProducer producer) {
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    CpuAccount cpu = new CpuAccount();
    cpu.start();
    long start = System.nanoTime();
    PollSummary summary = producer.pollAllOnce();
    double wall = (System.nanoTime() - start) / 1e9;
    CpuAccount.Round used = cpu.stop();
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new RoundResult(name, summary, wall, used, peak);
  }
}
