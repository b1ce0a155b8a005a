package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A post whose CleanPost would exceed streams.max-post-size is kept, cut at a block boundary. */
class OversizePostTest {

  @TempDir Path stateDir;

  /** ~900 KB of HTML in paragraphs and lists, with multi-byte characters: about 1.8 MB as html + text. */
  static String hugeHtml() {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (sb.length() < 900_000) {
      sb.append("<h2>Section ").append(i).append("</h2><p>Paragraph ").append(i)
          .append(" with <b>bold</b>, <a href=\"https://example.org/").append(i).append("\">a link</a> and ünïcödé 😀 text")
          .append(" that goes on for a while so that the post is long. ".repeat(4)).append("</p><ul><li>one</li><li>two</li></ul>");
      i++;
    }
    return sb.toString();
  }

  @Test
  void postTooLargeForItsTopicIsCutToTheBudgetAndMarkedTruncated() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir);
    try (TopologyHarness topology = new TopologyHarness(settings)) {
      String html = hugeHtml();
      topology.send(FeedpipeTopologyTest.post("big", "Big", html, FeedpipeTopologyTest.T0));
      topology.send(FeedpipeTopologyTest.post("small", "Small", "<p>Small.</p>", FeedpipeTopologyTest.T0));

      var out = topology.clean.readKeyValuesToMap();
      CleanPost big = out.get("lesswrong:big");
      long encoded = AvroSerdes.serializer(CleanPost.class).serialize(FeedpipeTopics.CLEAN, big).length;
      assertThat(encoded).isLessThanOrEqualTo(StreamsSettings.DEFAULT_MAX_POST_SIZE).isGreaterThan(StreamsSettings.DEFAULT_MAX_POST_SIZE * 9 / 10);
      assertThat(big.getTruncated()).isTrue();
      assertThat(big.getOriginalSize()).isGreaterThan(1_500_000L);
      assertThat(big.getRepairs()).anyMatch(r -> r.startsWith("html: ") && r.contains("cut to") && r.contains("streams.max-post-size"));
      assertThat(big.getRepairs()).anyMatch(r -> r.startsWith("text: ") && r.contains("cut to"));
      assertThat(big.getHtml()).endsWith("</ul>").startsWith("<h2>Section 0</h2>");
      Document reparsed = Jsoup.parseBodyFragment(big.getHtml());
      reparsed.outputSettings().prettyPrint(false);
      assertThat(reparsed.body().html()).as("well-formed: a parser changes nothing").isEqualTo(big.getHtml());
      assertThat(big.getText()).startsWith("Section 0").doesNotEndWith("\n");
      assertThat(big.getWordCount()).as("counted over the whole post").isGreaterThan(100_000);

      CleanPost small = out.get("lesswrong:small");
      assertThat(small.getTruncated()).isFalse();
      assertThat(small.getOriginalSize()).isNull();
      assertThat(small.getRepairs()).isEmpty();
      assertThat(topology.dlq.isEmpty()).isTrue();
    }
  }

  @Test
  void producerTruncationAndRepairsAreCarriedOver() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir);
    try (TopologyHarness topology = new TopologyHarness(settings)) {
      FetchedPost cutByProducer = FetchedPost.newBuilder(FeedpipeTopologyTest.post("p", "P", "<p>Start.</p>", FeedpipeTopologyTest.T0))
          .setTruncated(true).setOriginalSize(5_000_000L).setRepairs(List.of("title: 3 control characters removed")).build();
      topology.send(cutByProducer);
      CleanPost post = topology.clean.readValue();
      assertThat(post.getTruncated()).isTrue();
      assertThat(post.getOriginalSize()).isEqualTo(5_000_000L);
      assertThat(post.getRepairs()).containsExactly("title: 3 control characters removed");
    }
  }

  @Test
  void smallerBudgetCutsEarlierAndKeepsTheProducersSize() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir).withMaxPostSize(100 * 1024);
    try (TopologyHarness topology = new TopologyHarness(settings)) {
      FetchedPost post = FetchedPost.newBuilder(FeedpipeTopologyTest.post("q", "Q", hugeHtml(), FeedpipeTopologyTest.T0))
          .setTruncated(true).setOriginalSize(7_000_000L).build();
      topology.send(post);
      CleanPost out = topology.clean.readValue();
      assertThat(AvroSerdes.serializer(CleanPost.class).serialize(FeedpipeTopics.CLEAN, out).length).isLessThanOrEqualTo(100 * 1024);
      assertThat(out.getOriginalSize()).isEqualTo(7_000_000L);
      assertThat(out.getTruncated()).isTrue();
    }
  }
}
