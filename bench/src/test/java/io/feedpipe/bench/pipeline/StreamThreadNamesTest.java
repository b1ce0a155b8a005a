package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class StreamThreadNamesTest {
  private final Predicate<String> streamThreads = StreamThreadNames.of("bench-x-feedpipe");

  @Test
  void onlyTheAppsStreamThreadsNotTheirProducersNorOtherThreadsNorOtherApps() {
    String uuid = "0b7d5a7e-6c0e-4d3c-9a8e-2f7f1f0c9d11";
    assertThat(streamThreads).accepts("bench-x-feedpipe-" + uuid + "-StreamThread-1", "bench-x-feedpipe-" + uuid + "-StreamThread-12");
    assertThat(streamThreads).rejects(
        "kafka-producer-network-thread | bench-x-feedpipe-" + uuid + "-StreamThread-1-producer",
        "bench-x-feedpipe-" + uuid + "-StateUpdater-1",
        "bench-x-feedpipe-" + uuid + "-CleanupThread",
        "bench-x-passthrough-" + uuid + "-StreamThread-1",
        "feedpipe-poll-3");
  }
}
