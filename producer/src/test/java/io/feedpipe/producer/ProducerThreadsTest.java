package io.feedpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class ProducerThreadsTest {
  @Test
  void factoryNamesNumberedDaemonThreads() {
    ThreadFactory factory = ProducerThreads.factory(ProducerThreads.POLL_PREFIX);

    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});

    assertThat(first.getName()).isEqualTo("feedpipe-poll-1");
    assertThat(second.getName()).isEqualTo("feedpipe-poll-2");
    assertThat(first.isDaemon()).isTrue();
  }

  @Test
  void tellsTheProducersThreadsFromOthers() {
    assertThat(ProducerThreads.isProducerThread("feedpipe-poll-3")).isTrue();
    assertThat(ProducerThreads.isProducerThread("feedpipe-http-timer-1")).isTrue();
    assertThat(ProducerThreads.isProducerThread("feedpipe-state-reader")).isTrue();
    assertThat(ProducerThreads.isProducerThread("kafka-producer-network-thread | feedpipe-producer")).isTrue();

    assertThat(ProducerThreads.isProducerThread("kafka-producer-network-thread | feedpipe-feeds")).isFalse();
    assertThat(ProducerThreads.isProducerThread("feedpipe-app-StreamThread-1")).isFalse();
    assertThat(ProducerThreads.isProducerThread("main")).isFalse();
  }
}
