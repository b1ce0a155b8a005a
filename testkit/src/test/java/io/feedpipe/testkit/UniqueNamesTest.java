package io.feedpipe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {

  private final UniqueNames names = new UniqueNames();

  @Test
  void namesKeepThePrefixAndNeverRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String name = names.next("raw-posts");
      assertThat(name).startsWith("raw-posts-").matches("[a-zA-Z0-9._-]+");
      assertThat(seen.add(name)).as("repeated %s", name).isTrue();
    }
  }

  @Test
  void twoClustersDoNotHandOutTheSameNames() {
    assertThat(new UniqueNames().next("t")).isNotEqualTo(new UniqueNames().next("t"));
  }

  @Test
  void prefixesThatAreNotLegalKafkaNamesAreRefusedNamingThePrefix() {
    assertThatThrownBy(() -> names.next("raw posts"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'raw posts'");
    assertThatThrownBy(() -> names.next("")).isInstanceOf(IllegalArgumentException.class);
  }
}
