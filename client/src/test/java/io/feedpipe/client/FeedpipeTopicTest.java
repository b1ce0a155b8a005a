package io.feedpipe.client;

import io.feedpipe.schemas.topics.DeadLetterHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.testsupport.SamplePosts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FeedpipeTopicTest {

  @Test
  void everyFeedpipeTopicIsFoundByNameWithItsValueType() {
    assertThat(FeedpipeTopic.byName("posts.raw")).contains(FeedpipeTopic.RAW);
    assertThat(FeedpipeTopic.byName("posts.clean")).contains(FeedpipeTopic.CLEAN);
    assertThat(FeedpipeTopic.byName("posts.updates")).contains(FeedpipeTopic.UPDATES);
    assertThat(FeedpipeTopic.byName("feeds.status")).contains(FeedpipeTopic.STATUS);
    assertThat(FeedpipeTopic.byName("posts.route.papers")).contains(FeedpipeTopic.route("papers"));
    assertThat(FeedpipeTopic.byName("posts.route.papers").orElseThrow().valueType()).isEqualTo(CleanPost.class);
    assertThat(FeedpipeTopic.byName("posts.dlq")).isEmpty();
    assertThat(FeedpipeTopic.byName("someone.elses")).isEmpty();
  }

  @Test
  void cleanPostRoundTripsThroughTheTopicSerde() {
    CleanPost post = SamplePosts.cleanPost("lesswrong:1", 2);
    byte[] bytes = FeedpipeTopic.CLEAN.valueSerde().serializer().serialize("posts.clean", post);
    assertThat(FeedpipeTopic.CLEAN.decode(bytes)).isEqualTo(post);
    assertThat(new io.feedpipe.client.serde.CleanPostDeserializer().deserialize("posts.clean", bytes)).isEqualTo(post);
  }

  @Test
  void fetchedPostAndFeedStatusRoundTripThroughTheirSerdeClasses() {
    FetchedPost raw = FetchedPost.newBuilder().setPostId("f:1").setFeedId("f").setFeedUrl("https://example.org/feed")
        .setEntryGuid("1").setLink(null).setTitle("t").setAuthors(List.of()).setCategories(List.of()).setPublishedAt(null)
        .setUpdatedAt(null).setContentHtml("<p>x</p>").setSummaryHtml(null).setLanguage(null).setFetchedAt(Instant.ofEpochMilli(1000))
        .setFetchId("fetch-1").build();
    var rawSerde = new io.feedpipe.client.serde.FetchedPostSerde();
    assertThat(rawSerde.deserializer().deserialize("posts.raw", rawSerde.serializer().serialize("posts.raw", raw))).isEqualTo(raw);

    FeedStatus status = FeedStatus.newBuilder().setFeedId("f").setFeedUrl("https://example.org/feed").setFetchId("fetch-1")
        .setTime(Instant.ofEpochMilli(1000)).setOutcome(FetchOutcome.FETCHED).setHttpStatus(200).setItemCount(3).setBytes(10)
        .setDurationMs(5).setError(null).setNextPollAt(null).build();
    var statusSerde = new io.feedpipe.client.serde.FeedStatusSerde();
    byte[] bytes = statusSerde.serializer().serialize("feeds.status", status);
    assertThat(new io.feedpipe.client.serde.FeedStatusDeserializer().deserialize("feeds.status", bytes)).isEqualTo(status);
  }

  @Test
  void aValueThatIsNotOursFailsNamingTheTopic() {
    assertThatThrownBy(() -> FeedpipeTopic.CLEAN.decode("not avro".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("posts.clean");
  }

  @Test
  void tombstoneDecodesToNull() {
    assertThat(FeedpipeTopic.CLEAN.decode(null)).isNull();
  }

  @Test
  void deadLetterHeadersNameTheSourceOfTheRecord() {
    var record = new ConsumerRecord<>("posts.dlq", 0, 12, "k".getBytes(StandardCharsets.UTF_8), new byte[] {9});
    record.headers().add(DeadLetterHeaders.EXCEPTION, "org.apache.kafka.common.errors.SerializationException".getBytes(StandardCharsets.UTF_8));
    record.headers().add(DeadLetterHeaders.MESSAGE, "unknown schema fingerprint 5a5a".getBytes(StandardCharsets.UTF_8));
    record.headers().add(DeadLetterHeaders.TOPIC, "posts.raw".getBytes(StandardCharsets.UTF_8));
    record.headers().add(DeadLetterHeaders.PARTITION, "3".getBytes(StandardCharsets.UTF_8));
    record.headers().add(DeadLetterHeaders.OFFSET, "41".getBytes(StandardCharsets.UTF_8));

    DeadLetter letter = DeadLetter.from(record);
    assertThat(letter.sourceTopic()).contains("posts.raw");
    assertThat(letter.sourcePartition()).hasValue(3);
    assertThat(letter.sourceOffset()).hasValue(41);
    assertThat(letter.message()).contains("unknown schema fingerprint 5a5a");
    assertThat(letter.value()).containsExactly(9);
  }

  @Test
  void prefixedNamesAreKnownByTheirBaseNameUnderThePipelinesPrefix() {
    var news = io.feedpipe.schemas.topics.FeedpipeTopics.defaults(List.of()).withPrefix("news.");
    assertThat(FeedpipeTopic.CLEAN.in(news).name()).isEqualTo("news.posts.clean");
    assertThat(FeedpipeTopic.byName("news.posts.clean", news)).hasValueSatisfying(topic -> {
      assertThat(topic.name()).isEqualTo("news.posts.clean");
      assertThat(topic.valueType()).isEqualTo(CleanPost.class);
    });
    assertThat(FeedpipeTopic.byName("news.feeds.status", news)).hasValueSatisfying(t -> assertThat(t.valueType()).isEqualTo(FeedStatus.class));
    assertThat(FeedpipeTopic.byName("news.posts.route.ai", news)).isPresent();
    assertThat(FeedpipeTopic.byName("news.posts.dlq", news)).isEmpty();
    assertThat(FeedpipeTopic.byName("my-copy", news)).isEmpty();
  }
}
