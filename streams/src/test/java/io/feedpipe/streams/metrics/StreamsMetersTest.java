package io.feedpipe.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.EditSummary;
import io.feedpipe.streams.deadletter.DeadLetterReason;
import io.feedpipe.streams.dedupe.ReprocessDecider;
import io.feedpipe.streams.topology.PostTooLargeException;
import io.feedpipe.streams.topology.RecordRefusedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamsMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StreamsMeters meters = new StreamsMeters(registry);

  @Test
  void rocksDbMemoryGaugesFollowTheCacheAndShowZeroBeforeAnyStoreOpens() {
    AtomicLong used = new AtomicLong(-1);
    meters.bindRocksDbMemory(used::get, 64L << 20);

    assertThat(registry.get("feedpipe.streams.rocksdb.memory.used").gauge().value()).isZero();
    used.set(5_000_000);
    assertThat(registry.get("feedpipe.streams.rocksdb.memory.used").gauge().value()).isEqualTo(5_000_000);
    assertThat(registry.get("feedpipe.streams.rocksdb.memory.capacity").gauge().value()).isEqualTo(64L << 20);
    assertThat(registry.get("feedpipe.streams.rocksdb.memory.used").gauge().getId().getBaseUnit()).isEqualTo("bytes");
  }

  @Test
  void processingFailuresAreCountedUnderTheReasonTheyCarry() {
    assertThat(DeadLetterReason.ofProcessingFailure(new PostTooLargeException("big"))).isEqualTo(DeadLetterReason.TOO_LARGE);
    assertThat(DeadLetterReason.ofProcessingFailure(new RuntimeException("wrapped", new RecordRefusedException("refused"))))
        .isEqualTo(DeadLetterReason.REFUSED);
    assertThat(DeadLetterReason.ofProcessingFailure(new IllegalArgumentException("mis-keyed")))
        .isEqualTo(DeadLetterReason.PROCESSING_FAILED);
  }

  @Test
  void aSecondHolderOnTheSameRegistryCountsIntoTheSameMeters() {
    meters.postRead();
    new StreamsMeters(registry).postRead();
    assertThat(registry.get("feedpipe.streams.posts.in").counter().count()).isEqualTo(2);
  }

  @Test
  void feedHealthGaugesCountPerStateAndSurviveAGarbageCollection() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    java.util.Map<io.feedpipe.schemas.HealthState, Long> counts = new java.util.EnumMap<>(io.feedpipe.schemas.HealthState.class);
    counts.put(io.feedpipe.schemas.HealthState.OK, 3L);
    counts.put(io.feedpipe.schemas.HealthState.DEAD, 1L);
    new StreamsMeters(registry).bindFeedHealth(() -> new io.feedpipe.streams.health.FeedHealthCounts(counts));
    // Micrometer keeps a gauge's object weakly: nothing but the gauge holds the supplier here.
    System.gc();
    System.gc();
    assertThat(registry.get("feedpipe.feeds.health").tag("state", "OK").gauge().value()).isEqualTo(3);
    assertThat(registry.get("feedpipe.feeds.health").tag("state", "DEAD").gauge().value()).isEqualTo(1);
    assertThat(registry.get("feedpipe.feeds.health").tag("state", "STALE").gauge().value()).isZero();
    assertThat(registry.find("feedpipe.feeds.health").tag("state", "UNKNOWN").gauge()).isNull();
  }

  @Test
  void reprocessVerdictsAreCountedUnderAFixedSetOfLabels() {
    for (String verdict : StreamsMeters.REPROCESS_VERDICTS) {
      assertThat(registry.get("feedpipe.streams.reprocessed").tag("verdict", verdict).counter().count()).as(verdict).isZero();
    }
    meters.reprocessed(new ReprocessDecider.Current());
    meters.reprocessed(new ReprocessDecider.Changed(EditSummary.newBuilder().setTitleChanged(false).setTextChanged(true)
        .setWordsAdded(1).setWordsRemoved(0).setSummary("reprocessed: text changed").build()));
    meters.reprocessed(new ReprocessDecider.Changed(EditSummary.newBuilder().setTitleChanged(false).setTextChanged(false)
        .setWordsAdded(0).setWordsRemoved(0).setSummary("reprocessed: routes changed: +papers").build()));
    assertThat(registry.get("feedpipe.streams.reprocessed").tag("verdict", "current").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.streams.reprocessed").tag("verdict", "changed").counter().count()).isEqualTo(2);
    assertThat(List.of(new ReprocessDecider.UnknownPost(), new ReprocessDecider.Superseded(), new ReprocessDecider.Unchanged()))
        .extracting(StreamsMeters::label).containsExactly("unknown_post", "superseded", "unchanged");
  }
}
