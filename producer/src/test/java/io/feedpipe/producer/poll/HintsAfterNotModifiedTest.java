package io.feedpipe.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.schedule.PollScheduler;
import io.feedpipe.producer.schedule.ScheduleSettings;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.schemas.FetchOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 304 carries no body, so the feed's ttl, sy:updatePeriod and skipHours/skipDays must come from
 * the version it confirms: the hints kept in the feed's state (and in feeds.state across restarts).
 */
class HintsAfterNotModifiedTest {
  /** A Tuesday, 08:00 GMT. */
  private static final Instant NOW = Instant.parse("2025-12-09T08:00:00Z");
  private static final String ETAG = "\"v1\"";

  private final PollScheduler scheduler = new PollScheduler(ScheduleSettings.defaults(), () -> 0.0);
  private final FeedPoll poll = new FeedPoll(new FeedFetcher(Duration.ofSeconds(5), 15_000_000, "feedpipe-test/1"), new FeedParser(),
      new EntryMapper(), scheduler, FeedPoll.DEFAULT_MAX_ENTRIES, Clock.fixed(NOW, ZoneOffset.UTC));
  private HttpServer server;
  private volatile String body;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/feed", exchange -> {
      try (exchange) {
        if (ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
        exchange.getResponseHeaders().set("ETag", ETAG);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private FeedSource feed() {
    return new FeedSource("hinted", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed"));
  }

  /** An undated item, so no posting interval is observed and only the hints move the schedule. */
  private static String rss(String channelExtras) {
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>http://example.org/</link>"
        + "<description>d</description>" + channelExtras
        + "<item><title>one</title><link>http://example.org/1</link><guid>http://example.org/1</guid></item>"
        + "</channel></rss>";
  }

  @Test
  void feedWithTtlOf120AnsweringNotModifiedIsPolledAgainPerItsTtl() {
    body = rss("<ttl>120</ttl>");
    FeedPollState first = poll.poll(feed(), FeedPollState.initial(feed().url().toString()), true).nextState();
    assertThat(first.nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(120)));

    PollResult unchanged = poll.poll(feed(), first, true);

    assertThat(unchanged.status().getOutcome()).isEqualTo(FetchOutcome.NOT_MODIFIED);
    assertThat(unchanged.status().getNextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(120)))
        .isNotEqualTo(NOW.plus(ScheduleSettings.defaults().defaultInterval()));
    assertThat(unchanged.nextState().hints().ttl()).isEqualTo(Duration.ofMinutes(120));
  }

  @Test
  void skipHoursAreHonouredAfterNotModified() {
    body = rss("<skipHours><hour>8</hour><hour>9</hour><hour>10</hour></skipHours>");
    FeedPollState first = poll.poll(feed(), FeedPollState.initial(feed().url().toString()), true).nextState();

    PollResult unchanged = poll.poll(feed(), first, true);

    assertThat(unchanged.status().getOutcome()).isEqualTo(FetchOutcome.NOT_MODIFIED);
    // 08:05 falls in the skipped hours 8-10 (GMT): the first allowed time is 11:00.
    assertThat(unchanged.status().getNextPollAt()).isEqualTo(Instant.parse("2025-12-09T11:00:00Z"));
  }

  @Test
  void hintsSurviveARestartThroughFeedsState() {
    body = rss("<ttl>120</ttl>");
    FeedPollState first = poll.poll(feed(), FeedPollState.initial(feed().url().toString()), true).nextState();

    FeedPollState restored = FeedRecords.fromAvro(FeedRecords.toAvro("hinted", first));
    PollResult unchanged = poll.poll(feed(), restored, true);

    assertThat(unchanged.status().getOutcome()).isEqualTo(FetchOutcome.NOT_MODIFIED);
    assertThat(unchanged.status().getNextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(120)));
  }

  @Test
  void failedPollKeepsTheHintsForTheNextNotModified() {
    body = rss("<ttl>120</ttl>");
    FeedPollState first = poll.poll(feed(), FeedPollState.initial(feed().url().toString()), true).nextState();
    FeedPollState failed = poll.poll(new FeedSource("hinted", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gone")),
        first, true).nextState();

    assertThat(failed.errorStreak()).isEqualTo(1);
    assertThat(failed.hints()).isEqualTo(first.hints());
  }
}
