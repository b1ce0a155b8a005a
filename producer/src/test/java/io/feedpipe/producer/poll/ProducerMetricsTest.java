package io.feedpipe.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerMetricsTest {

  @Test
  void everyFetchOutcomeHasALabelFromTheDocumentedSet() {
    assertThat(List.of(FetchOutcome.values())).allSatisfy(o -> assertThat(ProducerMetrics.outcome(o)).isNotNull());
    assertThat(ProducerMetrics.outcome(FetchOutcome.FETCHED)).isEqualTo(ProducerMetrics.Outcome.OK);
    assertThat(ProducerMetrics.outcome(FetchOutcome.SERVER_ERROR)).isEqualTo(ProducerMetrics.Outcome.HTTP_ERROR);
    assertThat(ProducerMetrics.outcome(FetchOutcome.TIMED_OUT)).isEqualTo(ProducerMetrics.Outcome.NETWORK_ERROR);
    assertThat(ProducerMetrics.outcome(FetchOutcome.UNPARSABLE)).isEqualTo(ProducerMetrics.Outcome.PARSE_ERROR);
    assertThat(ProducerMetrics.outcome(FetchOutcome.REFUSED_BY_POLICY)).isEqualTo(ProducerMetrics.Outcome.REFUSED);
  }

  @Test
  void pollsAreCountedByOutcomeErrorClassAndConditionalResult() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProducerMetrics metrics = new ProducerMetrics(registry);

    metrics.pollStarted();
    assertThat(registry.get("feedpipe.producer.fetches.in.flight").gauge().value()).isEqualTo(1);
    metrics.fetchTook(Duration.ofMillis(120));
    metrics.fetchedBytes(5000);
    metrics.pollEnded(status(FetchOutcome.FETCHED), true, 16);
    metrics.pollStarted();
    metrics.pollEnded(status(FetchOutcome.NOT_MODIFIED), true, 0);
    metrics.pollStarted();
    metrics.pollEnded(status(FetchOutcome.SERVER_ERROR), false, 0);
    metrics.acknowledged(16);

    assertThat(registry.get("feedpipe.producer.fetches").tag("outcome", "ok").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.fetches").tag("outcome", "not_modified").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.fetches").tag("outcome", "http_error").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.errors").tag("class", "server_error").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.fetch.entries").summary().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.fetch.entries").summary().totalAmount()).isEqualTo(16);
    assertThat(registry.get("feedpipe.producer.fetch.size").summary().totalAmount()).isEqualTo(5000);
    assertThat(registry.get("feedpipe.producer.fetch.duration").timer().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.entries").counter().count()).isEqualTo(16);
    assertThat(registry.get("feedpipe.producer.conditional.requests").tag("result", "hit").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.conditional.requests").tag("result", "miss").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.conditional.get.hit.ratio").gauge().value()).isEqualTo(0.5);
    assertThat(registry.get("feedpipe.producer.fetches.in.flight").gauge().value()).isZero();
  }

  @Test
  void theHitRatioIsNotANumberBeforeTheFirstConditionalRequest() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new ProducerMetrics(registry);
    assertThat(registry.get("feedpipe.producer.conditional.get.hit.ratio").gauge().value()).isNaN();
  }

  @Test
  void theFeedGaugesReadTheScheduleWhenScraped() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProducerMetrics metrics = new ProducerMetrics(registry);
    metrics.feeds(() -> new ProducerMetrics.FeedCounts(5, 2, 1));
    metrics.bytesInFlight(() -> 4096L);
    System.gc(); // the suppliers are held by the gauges alone: they must survive a collection
    assertThat(registry.get("feedpipe.producer.feeds").tag("state", "known").gauge().value()).isEqualTo(5);
    assertThat(registry.get("feedpipe.producer.feeds").tag("state", "due").gauge().value()).isEqualTo(2);
    assertThat(registry.get("feedpipe.producer.feeds").tag("state", "overdue").gauge().value()).isEqualTo(1);
    assertThat(registry.get("feedpipe.producer.in.flight.bytes").gauge().value()).isEqualTo(4096);
  }

  private static FeedStatus status(FetchOutcome outcome) {
    return FeedStatus.newBuilder().setFeedId("f").setFeedUrl("https://example.org/feed").setFetchId("1").setTime(Instant.EPOCH)
        .setOutcome(outcome).setHttpStatus(null).setItemCount(0).setBytes(0).setDurationMs(0).setError(null).setNextPollAt(null)
        .setErrorStreak(0).setIdentity(null).setNotes(List.of()).build();
  }
}
