package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.dedupe.OutputHash;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.wire.Utf8FormsSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the topology writes for a post is what {@link AvroSerdes} writes for it, byte for byte,
 * although the UTF-8 forms of its HTML and text are kept from the hashes and written from there.
 */
class CleanPostBytesTest {

  @TempDir Path stateDir;

  final Serializer<CleanPost> codec = AvroSerdes.serializer(CleanPost.class);

  static final String PARAGRAPHS = "<p>“Curly” quotes — café, cafe\u0301, 中文, 𝑥 + 𝑦 = 😀, a lone \uD800 and \uDC00.</p>";

  @Test
  void aPostCutToItsBudgetIsWrittenAsTheCodecWritesIt() {
    PostSizeLimiter limiter = new PostSizeLimiter(20_000);
    String html = "<h2>Part</h2>" + PARAGRAPHS.repeat(600);
    String text = PARAGRAPHS.replace("<p>", "").replace("</p>", "\n\n").repeat(600);
    Instant t0 = FeedpipeTopologyTest.T0;
    CleanPost post = CleanPost.newBuilder().setPostId("lesswrong:long").setRevision(1).setTitle("“Long” 𝑥").setText(text)
        .setHtml(html).setExcerpt("“Curly” quotes").setWordCount(6000).setContentHash("c").setFeedId("lesswrong")
        .setFeedUrl("https://www.lesswrong.com/feed.xml").setFirstSeenAt(t0).setLastSeenAt(t0).setFetchId("f").build();
    // As the stream thread does: hashes of the whole revision, then the cut post is stamped.
    RevisionContent.of(post.getTitle(), post.getText());
    OutputHash.of(post.getHtml());
    CleanPost cut = limiter.fit(post);
    OutputHash.of(cut.getHtml());

    assertThat(cut.getTruncated()).isTrue();
    byte[] written = Utf8FormsSerdes.serializer(CleanPost.class).serialize("posts.clean", cut);
    assertThat(written).isEqualTo(codec.serialize("posts.clean", cut)).hasSizeLessThanOrEqualTo(20_000);
  }

  @Test
  void everyRevisionTheTopologyWritesIsTheCodecsBytesForIt() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir);
    try (TopologyHarness topology = new TopologyHarness(settings)) {
      TestOutputTopic<String, byte[]> clean = topology.driver.createOutputTopic(settings.topics().clean(), new StringDeserializer(),
          new ByteArrayDeserializer());
      topology.send(FeedpipeTopologyTest.post("a", "“Quoted” 𝑥", PARAGRAPHS.repeat(40), FeedpipeTopologyTest.T0));
      topology.send(FeedpipeTopologyTest.post("a", "“Quoted” 𝑥", PARAGRAPHS.repeat(41), FeedpipeTopologyTest.T0.plus(Duration.ofHours(1))));
      topology.send(FeedpipeTopologyTest.post("b", "Short", "<p>Short.</p>", FeedpipeTopologyTest.T0));
      topology.send(FeedpipeTopologyTest.post("c", "", "", FeedpipeTopologyTest.T0));
      topology.send(FeedpipeTopologyTest.post("big", "Big", OversizePostTest.hugeHtml(), FeedpipeTopologyTest.T0));

      List<byte[]> written = clean.readValuesToList();
      assertThat(written).hasSize(5);
      for (byte[] bytes : written) {
        CleanPost post = AvroSerdes.deserializer(CleanPost.class).deserialize("posts.clean", bytes);
        assertThat(bytes).as(post.getPostId()).isEqualTo(codec.serialize("posts.clean", post));
      }
    }
  }
}
