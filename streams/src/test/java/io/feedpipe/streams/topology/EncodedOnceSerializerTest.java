package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class EncodedOnceSerializerTest {

  static final class Post {
    final String text;

    Post(String text) {
      this.text = text;
    }
  }

  final List<String> encoded = new ArrayList<>();
  final Serializer<Post> counting = (topic, post) -> {
    encoded.add(topic);
    return post.text.getBytes(StandardCharsets.UTF_8);
  };
  final EncodedOnceSerializer<Post> serializer = new EncodedOnceSerializer<>(counting);

  @Test
  void theSameRecordWrittenToSeveralTopicsIsEncodedOnce() {
    Post post = new Post("one");
    byte[] clean = serializer.serialize("posts.clean", post);
    byte[] updates = serializer.serialize("posts.updates", post);
    byte[] route = serializer.serialize("posts.papers", post);
    assertThat(encoded).containsExactly("posts.clean");
    assertThat(updates).isSameAs(clean).isEqualTo("one".getBytes(StandardCharsets.UTF_8));
    assertThat(route).isSameAs(clean);
  }

  @Test
  void anotherRecordIsEncodedEvenWhenEqualToTheLast() {
    serializer.serialize("posts.clean", new Post("one"));
    byte[] next = serializer.serialize("posts.clean", new Post("two"));
    serializer.serialize("posts.clean", new Post("two"));
    assertThat(new String(next, StandardCharsets.UTF_8)).isEqualTo("two");
    assertThat(encoded).hasSize(3);
  }

  @Test
  void eachThreadRemembersItsOwnLastRecord() throws InterruptedException {
    Post post = new Post("one");
    serializer.serialize("posts.clean", post);
    Thread other = new Thread(() -> serializer.serialize("posts.clean", post));
    other.start();
    other.join();
    assertThat(encoded).hasSize(2);
  }

  @Test
  void aNullStaysNull() {
    Serializer<Post> nullSafe = (topic, post) -> post == null ? null : post.text.getBytes(StandardCharsets.UTF_8);
    assertThat(new EncodedOnceSerializer<>(nullSafe).serialize("t", null)).isNull();
  }
}
