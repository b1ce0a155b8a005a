package io.feedpipe.producer.poll;

import static io.feedpipe.producer.fetch.LocalHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.fetch.FetchPolicy;
import io.feedpipe.producer.fetch.LocalHttpServer;
import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.schedule.PollScheduler;
import io.feedpipe.producer.schedule.ScheduleSettings;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fetch outcome against a local HTTP server (127.0.0.1, allow-listed), as the status event
 * that ends the poll: outcome, reason, error streak and next poll time.
 */
class FetchOutcomesTest {
  private static final String FEED = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
      + "<item><title>a</title><guid>a</guid></item></channel></rss>";
  private static final long LIMIT = 1024 * 1024;
  // Backoff without jitter: 1 min, doubled, capped at 8 min.
  private static final ScheduleSettings SCHEDULE = new ScheduleSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(2),
      Duration.ofMinutes(1), Duration.ofMinutes(8), 0.0, 2, Duration.ZERO, 4);

  @RegisterExtension final LocalHttpServer server = new LocalHttpServer();
  private final FetchPolicy policy = FetchPolicy.defaults()
      .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(800), Duration.ofMillis(1500))
      .withMaxBodyBytes(LIMIT)
      .withAddresses(AddressPolicy.of(List.of("127.0.0.1/32")))
      .withUserAgent("feedpipe-test/1");
  private final FeedPoll poll = poll(policy);

  private static FeedPoll poll(FetchPolicy policy) {
    return new FeedPoll(new FeedFetcher(policy), new FeedParser(), new EntryMapper(), new PollScheduler(SCHEDULE, () -> 0.5), 1000,
        Clock.systemUTC());
  }

  private FeedStatus pollOnce(URI url) {
    return poll.poll(new FeedSource("f", url), FeedPollState.initial(url.toString()), true).status();
  }

  @Test
  void okIsFetchedWithTheNextPollPlanned() {
    URI url = server.serve("/feed", ex -> respond(ex, 200, FEED.getBytes(StandardCharsets.UTF_8)));

    FeedStatus status = pollOnce(url);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.FETCHED);
    assertThat(status.getItemCount()).isEqualTo(1);
    assertThat(status.getErrorStreak()).isZero();
    assertThat(status.getNextPollAt()).isEqualTo(status.getTime().plus(Duration.ofMinutes(5)));
  }

  @Test
  void notModifiedAfterTheStoredValidatorsAreSent() {
    URI url = server.serve("/feed", ex -> {
      ex.getResponseHeaders().add("ETag", "\"v1\"");
      ex.getResponseHeaders().add("Last-Modified", "Mon, 08 Dec 2025 20:03:00 GMT");
      boolean same = "\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"));
      respond(ex, same ? 304 : 200, same ? new byte[0] : FEED.getBytes(StandardCharsets.UTF_8));
    });
    FeedSource feed = new FeedSource("f", url);

    PollResult first = poll.poll(feed, FeedPollState.initial(url.toString()), true);
    PollResult second = poll.poll(feed, first.nextState(), true);

    assertThat(first.status().getOutcome()).isEqualTo(FetchOutcome.FETCHED);
    assertThat(second.status().getOutcome()).isEqualTo(FetchOutcome.NOT_MODIFIED);
    assertThat(second.status().getNextPollAt()).isNotNull();
    assertThat(server.requests().get(1).getRequestHeaders().getFirst("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(server.requests().get(1).getRequestHeaders().getFirst("If-Modified-Since")).isEqualTo("Mon, 08 Dec 2025 20:03:00 GMT");
  }

  @Test
  void tooManyRequestsWithRetryAfterSecondsIsRateLimitedUntilThen() {
    URI url = server.serve("/feed", ex -> {
      ex.getResponseHeaders().add("Retry-After", "420");
      respond(ex, 429, new byte[0]);
    });

    FeedStatus status = pollOnce(url);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.RATE_LIMITED);
    assertThat(status.getErrorStreak()).isEqualTo(1);
    assertThat(status.getError()).contains("429").contains("Retry-After: 420");
    // 7 min, later than the 1 min backoff, below the 8 min cap
    assertThat(Duration.between(status.getTime(), status.getNextPollAt())).isBetween(Duration.ofSeconds(419), Duration.ofSeconds(421));
  }

  @Test
  void tooManyRequestsWithRetryAfterDateIsRateLimitedUntilThatDate() {
    Instant at = Instant.now().plus(Duration.ofMinutes(7)).truncatedTo(ChronoUnit.SECONDS);
    URI url = server.serve("/feed", ex -> {
      ex.getResponseHeaders().add("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(at, ZoneOffset.UTC)));
      respond(ex, 429, new byte[0]);
    });

    FeedStatus status = pollOnce(url);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.RATE_LIMITED);
    assertThat(status.getNextPollAt()).isEqualTo(at);
  }

  @Test
  void unavailableWithRetryAfterInBothFormsIsHonoured() {
    Instant at = Instant.now().plus(Duration.ofMinutes(6)).truncatedTo(ChronoUnit.SECONDS);
    URI seconds = server.serve("/s", ex -> {
      ex.getResponseHeaders().add("Retry-After", "300");
      respond(ex, 503, new byte[0]);
    });
    URI date = server.serve("/d", ex -> {
      ex.getResponseHeaders().add("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(at, ZoneOffset.UTC)));
      respond(ex, 503, new byte[0]);
    });

    FeedStatus bySeconds = pollOnce(seconds);
    FeedStatus byDate = pollOnce(date);

    assertThat(bySeconds.getOutcome()).isEqualTo(FetchOutcome.SERVER_ERROR);
    assertThat(Duration.between(bySeconds.getTime(), bySeconds.getNextPollAt())).isBetween(Duration.ofSeconds(299), Duration.ofSeconds(301));
    assertThat(byDate.getOutcome()).isEqualTo(FetchOutcome.SERVER_ERROR);
    assertThat(byDate.getNextPollAt()).isEqualTo(at);
  }

  @Test
  void serverErrorsBackOffExponentiallyUpToTheCapAndTheFeedIsKept() {
    URI url = server.serve("/feed", ex -> respond(ex, 500, "boom".getBytes(StandardCharsets.UTF_8)));
    FeedSource feed = new FeedSource("f", url);
    FeedPollState state = FeedPollState.initial(url.toString());
    List<Duration> waits = new ArrayList<>();
    List<Integer> streaks = new ArrayList<>();

    for (int i = 0; i < 6; i++) {
      PollResult result = poll.poll(feed, state, true);
      assertThat(result.status().getOutcome()).isEqualTo(FetchOutcome.SERVER_ERROR);
      waits.add(Duration.between(result.status().getTime(), result.status().getNextPollAt()));
      streaks.add(result.status().getErrorStreak());
      state = result.nextState();
    }

    assertThat(streaks).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
        Duration.ofMinutes(8), Duration.ofMinutes(8));
  }

  @Test
  void retryAfterBeyondTheBackoffCapIsHonouredOnlyUpToTheCap() {
    URI url = server.serve("/feed", ex -> {
      ex.getResponseHeaders().add("Retry-After", "86400");
      respond(ex, 429, new byte[0]);
    });

    FeedStatus status = pollOnce(url);

    assertThat(Duration.between(status.getTime(), status.getNextPollAt())).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void redirectLoopIsRedirected() {
    server.serve("/a", ex -> {
      ex.getResponseHeaders().add("Location", "/b");
      respond(ex, 302, new byte[0]);
    });
    URI b = server.serve("/b", ex -> {
      ex.getResponseHeaders().add("Location", "/a");
      respond(ex, 302, new byte[0]);
    });

    FeedStatus status = pollOnce(b);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.REDIRECTED);
    assertThat(status.getError()).contains("redirect loop");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void tooManyRedirectsIsRedirected() {
    AtomicInteger n = new AtomicInteger();
    URI url = server.serve("/r", ex -> {
      ex.getResponseHeaders().add("Location", "/r?" + n.incrementAndGet());
      respond(ex, 301, new byte[0]);
    });

    FeedStatus status = pollOnce(url);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.REDIRECTED);
    assertThat(status.getError()).contains("more than 5 redirects");
    assertThat(server.requests()).hasSize(6);
  }

  @Test
  void permanentRedirectIsFollowedAndNoted() {
    server.serve("/new", ex -> respond(ex, 200, FEED.getBytes(StandardCharsets.UTF_8)));
    URI old = server.serve("/old", ex -> {
      ex.getResponseHeaders().add("Location", "/new");
      respond(ex, 301, new byte[0]);
    });

    FeedStatus status = pollOnce(old);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.FETCHED);
    assertThat(status.getNotes()).anySatisfy(note -> assertThat(note).contains("moved permanently to").contains("/new"));
  }

  @Test
  void refusesRedirectToLoopbackPrivateOrMetadataAddressesOutsideTheAllowList() {
    for (String target : List.of("http://127.0.0.2:%d/feed", "http://[::ffff:127.0.0.2]:%d/feed", "http://10.0.0.1:%d/feed",
        "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://[::1]:%d/", "http://0.0.0.0:%d/")) {
      server.requests().clear();
      String location = target.formatted(server.port());
      URI url = server.serve("/to" + Integer.toHexString(target.hashCode()), ex -> {
        ex.getResponseHeaders().add("Location", location);
        respond(ex, 302, new byte[0]);
      });

      FeedStatus status = pollOnce(url);

      assertThat(status.getOutcome()).as(location).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
      assertThat(status.getError()).as(location).contains("refused by policy").contains("redirected to");
      assertThat(server.requests()).as("only the first hop reached a server").hasSize(1);
    }
  }

  @Test
  void refusesLoopbackWithoutAllowListBeforeConnecting() {
    URI url = server.serve("/feed", ex -> respond(ex, 200, FEED.getBytes(StandardCharsets.UTF_8)));
    FeedPoll strict = poll(policy.withAddresses(AddressPolicy.strict()));

    FeedStatus status = strict.poll(new FeedSource("f", url), FeedPollState.initial(url.toString()), true).status();

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
    assertThat(status.getError()).contains("127.0.0.1 is a loopback address");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void bodyLargerThanTheBytesInFlightBudgetIsRefusedNamingTheSetting() {
    URI url = server.serve("/big", ex -> {
      ex.sendResponseHeaders(200, 0); // chunked: counted as it comes
      writeZeros(ex.getResponseBody(), 256 * 1024);
    });

    FeedStatus status = poll(policy.withMaxBytesInFlight(64 * 1024)).poll(new FeedSource("f", url), FeedPollState.initial(url.toString()), true)
        .status();

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.TOO_LARGE);
    assertThat(status.getError()).contains("producer.max-bytes-in-flight (65536 bytes)");
  }

  @Test
  void refusesFileUrlsUnlessEnabled(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("feed.xml"), FEED);

    FeedStatus status = pollOnce(file.toUri());

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
    assertThat(status.getError()).contains("file: URLs are allowed only for feeds in the configuration").contains("producer.allow-file-urls");
  }

  @Test
  void serverDrippingBytesSlowerThanTheTimeoutTimesOut() {
    URI url = server.serve("/drip", ex -> {
      ex.sendResponseHeaders(200, 10_000);
      OutputStream out = ex.getResponseBody();
      for (int i = 0; i < 40; i++) { // bounded: at most 40 × 100 ms
        out.write(' ');
        out.flush();
        sleep(100);
      }
    });

    long start = System.nanoTime();
    FeedStatus status = pollOnce(url);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.TIMED_OUT);
    assertThat(status.getError()).contains("no complete response within 1500 ms");
    assertThat(status.getErrorStreak()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4)); // generous: the deadline, not its precision
  }

  @Test
  void hundredMegabyteBodyIsTooLargeAndNotReadToTheEnd() {
    URI declared = server.serve("/declared", ex -> {
      ex.sendResponseHeaders(200, 100L * 1024 * 1024);
      writeZeros(ex.getResponseBody(), 100L * 1024 * 1024);
    });
    URI chunked = server.serve("/chunked", ex -> {
      ex.sendResponseHeaders(200, 0);
      writeZeros(ex.getResponseBody(), 100L * 1024 * 1024);
    });

    FeedStatus byLength = pollOnce(declared);
    FeedStatus byCounting = pollOnce(chunked);

    assertThat(byLength.getOutcome()).isEqualTo(FetchOutcome.TOO_LARGE);
    assertThat(byLength.getError()).contains("Content-Length 104857600");
    assertThat(byCounting.getOutcome()).isEqualTo(FetchOutcome.TOO_LARGE);
    assertThat(byCounting.getError()).contains("larger than the limit of " + LIMIT);
  }

  @Test
  void gzipBombIsTooLargeAfterDecompression() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      writeZeros(gzip, 100L * 1024 * 1024);
    }
    byte[] bomb = compressed.toByteArray();
    assertThat(bomb.length).isLessThan((int) LIMIT); // small on the wire
    URI url = server.serve("/bomb", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      respond(ex, 200, bomb);
    });

    FeedStatus status = pollOnce(url);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.TOO_LARGE);
    assertThat(status.getError()).contains("gzip-decompressed body");
  }

  @Test
  void deflateBodyIsDecompressed() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (var deflate = new java.util.zip.DeflaterOutputStream(compressed)) {
      deflate.write(FEED.getBytes(StandardCharsets.UTF_8));
    }
    URI url = server.serve("/deflate", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "deflate");
      respond(ex, 200, compressed.toByteArray());
    });

    assertThat(pollOnce(url).getOutcome()).isEqualTo(FetchOutcome.FETCHED);
  }

  @Test
  void xxeFeedIsRefusedAndDisclosesNothing(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title><guid>&xxe;</guid></item></channel></rss>";
    URI url = server.serve("/xxe", ex -> respond(ex, 200, xxe.getBytes(StandardCharsets.UTF_8)));

    PollResult result = poll.poll(new FeedSource("f", url), FeedPollState.initial(url.toString()), true);

    assertThat(result.status().getOutcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
    assertThat(result.status().getError()).contains("DOCTYPE");
    assertThat(result.posts()).isEmpty();
    assertThat(result.status().toString()).doesNotContain("TOP-SECRET-CONTENT");
    assertThat(result.nextState().toString()).doesNotContain("TOP-SECRET-CONTENT");
  }

  @Test
  void entityExpansionFeedIsRefusedInBoundedTimeAndMemory() {
    StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      bomb.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    bomb.append("]>\n<rss version=\"2.0\"><channel><title>&l9;</title></channel></rss>");
    URI url = server.serve("/bomb", ex -> respond(ex, 200, bomb.toString().getBytes(StandardCharsets.UTF_8)));
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory() - rt.freeMemory();

    FeedStatus status = pollOnce(url);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
    assertThat(status.getError()).contains("DOCTYPE");
    // 10^9 "lol"s would be 3 GB; nothing near that was allocated (the DTD is never parsed).
    assertThat(rt.totalMemory() - rt.freeMemory() - before).isLessThan(256L * 1024 * 1024);
  }

  @Test
  void unparsableBodyIsUnparsableWithTheReason() {
    URI url = server.serve("/html", ex -> respond(ex, 200, "<html><body>not a feed</body></html>".getBytes(StandardCharsets.UTF_8)));

    FeedStatus status = pollOnce(url);

    assertThat(status.getOutcome()).isEqualTo(FetchOutcome.UNPARSABLE);
    assertThat(status.getError()).contains("not RSS or Atom");
    assertThat(status.getNextPollAt()).isEqualTo(status.getTime().plus(Duration.ofMinutes(1)));
  }

  private static void writeZeros(OutputStream out, long n) throws IOException {
    byte[] zeros = new byte[64 * 1024];
    for (long written = 0; written < n; written += zeros.length) {
      out.write(zeros, 0, (int) Math.min(zeros.length, n - written));
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unused")
  private static Validators none() {
    return Validators.none();
  }
}
