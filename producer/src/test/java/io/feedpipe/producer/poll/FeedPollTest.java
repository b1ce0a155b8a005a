package io.feedpipe.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.Fixtures;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedPollTest {
  private static final Instant NOW = Instant.parse("2025-12-09T08:00:00Z");
  private final FeedPoll poll = new FeedPoll(
      new FeedFetcher(Duration.ofSeconds(5), 15_000_000, "feedpipe-test/1"),
      new FeedParser(),
      new EntryMapper(),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void fixtureFeedYieldsTwentyPostsAndOneFetchedStatus() {
    FeedSource feed = FeedSource.fromUrl(Fixtures.fileUri("fixtures/lesswrong/feed.xml").toString());
    Instant next = NOW.plus(Duration.ofMinutes(5));

    PollResult result = poll.poll(feed, Validators.none(), next);

    FeedStatus status = result.status();
    assertThat(status.getFeedId()).isEqualTo("feed");
    assertThat(status.getFeedUrl()).isEqualTo(feed.url().toString());
    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.FETCHED);
    assertThat(status.getItemCount()).isEqualTo(20);
    assertThat(status.getBytes()).isEqualTo(Fixtures.bytes("fixtures/lesswrong/feed.xml").length);
    assertThat(status.getHttpStatus()).isNull();
    assertThat(status.getError()).isNull();
    assertThat(status.getTime()).isEqualTo(NOW);
    assertThat(status.getNextPollAt()).isEqualTo(next);
    assertThat(status.getDurationMs()).isNotNegative();

    assertThat(result.posts()).hasSize(20).allSatisfy(post -> {
      assertThat(post.getFetchId()).isEqualTo(status.getFetchId());
      assertThat(post.getFetchedAt()).isEqualTo(NOW);
      assertThat(post.getFeedId()).isEqualTo("feed");
      assertThat(post.getPostId()).isEqualTo("feed:" + post.getEntryGuid());
      assertThat(post.getContentHtml()).startsWith("Published on");
    });
    assertThat(result.posts()).extracting(FetchedPost::getPostId).doesNotHaveDuplicates();
    assertThat(result.validatorsToSave()).contains(Validators.none());
  }

  @Test
  void garbageBytesYieldAnUnparsableStatusNamingTheFeedAndNoPosts(@TempDir Path dir) throws Exception {
    Path garbage = Files.write(dir.resolve("garbage.xml"), new byte[] {'G', 'A', 'R', 'B', 0, 1, 2, '>', 3});
    FeedSource feed = FeedSource.fromUrl(garbage.toUri().toString());

    PollResult result = poll.poll(feed, Validators.none(), null);

    assertThat(result.posts()).isEmpty();
    assertThat(result.validatorsToSave()).isEmpty();
    assertThat(result.status().getOutcome()).isEqualTo(FetchOutcome.UNPARSABLE);
    assertThat(result.status().getError()).contains("garbage").contains(garbage.toUri().toString());
    assertThat(result.status().getItemCount()).isZero();
    assertThat(result.status().getBytes()).isEqualTo(9);
    assertThat(result.status().getNextPollAt()).isNull();
  }

  @Test
  void failedFetchYieldsItsOutcomeAndAnErrorNamingTheFeed(@TempDir Path dir) {
    FeedSource feed = FeedSource.fromUrl(dir.resolve("missing.xml").toUri().toString());

    PollResult result = poll.poll(feed, Validators.none(), null);

    assertThat(result.posts()).isEmpty();
    assertThat(result.status().getOutcome()).isEqualTo(FetchOutcome.UNREACHABLE);
    assertThat(result.status().getError()).startsWith("feed missing: ").contains("no such file");
  }

  @Test
  void httpAnswersBecomeStatusesWithTheirHttpStatus() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/unchanged", exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(304, -1);
      }
    });
    server.createContext("/broken", exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(503, -1);
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      PollResult unchanged = poll.poll(new FeedSource("u", URI.create(base + "/unchanged")), new Validators("\"v1\"", null), null);
      PollResult broken = poll.poll(new FeedSource("b", URI.create(base + "/broken")), Validators.none(), null);

      assertThat(unchanged.posts()).isEmpty();
      assertThat(unchanged.validatorsToSave()).isEmpty();
      assertThat(unchanged.status().getOutcome()).isEqualTo(FetchOutcome.NOT_MODIFIED);
      assertThat(unchanged.status().getHttpStatus()).isEqualTo(304);
      assertThat(unchanged.status().getError()).isNull();
      assertThat(broken.status().getOutcome()).isEqualTo(FetchOutcome.SERVER_ERROR);
      assertThat(broken.status().getHttpStatus()).isEqualTo(503);
      assertThat(broken.status().getError()).isEqualTo("feed b: " + base + "/broken: HTTP 503");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void everyPollHasItsOwnFetchId() {
    FeedSource feed = FeedSource.fromUrl(Fixtures.fileUri("fixtures/lesswrong/poll-1.xml").toString());

    String first = poll.poll(feed, Validators.none(), null).status().getFetchId();
    String second = poll.poll(feed, Validators.none(), null).status().getFetchId();

    assertThat(first).isNotEqualTo(second);
  }
}
