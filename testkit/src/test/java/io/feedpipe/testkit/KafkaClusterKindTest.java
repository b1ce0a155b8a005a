package io.feedpipe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaClusterKindTest {

  @Test
  void unsetOrBlankMeansEmbedded() {
    assertThat(KafkaClusterKind.parse(null)).isEqualTo(KafkaClusterKind.EMBEDDED);
    assertThat(KafkaClusterKind.parse(" ")).isEqualTo(KafkaClusterKind.EMBEDDED);
  }

  @Test
  void kindsAreMatchedByTheirPropertyValueIgnoringCase() {
    assertThat(KafkaClusterKind.parse("embedded")).isEqualTo(KafkaClusterKind.EMBEDDED);
    assertThat(KafkaClusterKind.parse("Testcontainers "))
        .isEqualTo(KafkaClusterKind.TESTCONTAINERS);
  }

  @Test
  void anUnknownKindFailsNamingThePropertyAndTheChoices() {
    assertThatThrownBy(() -> KafkaClusterKind.parse("docker"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feedpipe.test.kafka=docker")
        .hasMessageContaining("embedded, testcontainers");
  }
}
