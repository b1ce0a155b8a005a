package io.feedpipe.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.ProducerThreads;
import org.junit.jupiter.api.Test;

class ParseWarmupTest {

  @Test
  void itsBuiltInFeedsParseAndMapToAPostEachSoThePollPathIsReallyWarmed() {
    assertThat(ParseWarmup.run()).isTrue();
  }

  @Test
  void itRunsOnANamedDaemonThreadTheCpuMetersCountAsTheProducers() throws Exception {
    Thread thread = ParseWarmup.start();

    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo(ProducerThreads.PARSE_WARMUP);
    assertThat(ProducerThreads.isProducerThread(thread.getName())).isTrue();
    thread.join(30_000);
    assertThat(thread.isAlive()).isFalse();
  }
}
