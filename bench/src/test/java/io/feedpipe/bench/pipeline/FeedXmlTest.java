package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.parse.ParsedFeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedXmlTest {

  @Test
  void theProducersParserReadsEveryItemWithItsGuidTitleAndHtml() throws Exception {
    BenchPosts posts = new BenchPosts(FixturePosts.load(Path.of("no-such-home")), 7);
    List<BenchPost> items = IntStream.range(0, 20).mapToObj(posts::post).toList();
    byte[] rss = FeedXml.rss("Bench feed", "https://bench.example.org/", items).getBytes(StandardCharsets.UTF_8);

    ParsedFeed feed = new FeedParser().parse("bench", rss, "application/rss+xml");

    assertThat(feed.entries()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(feed.entries().get(i).guid()).isEqualTo(items.get(i).guid());
      assertThat(feed.entries().get(i).title()).isEqualTo(items.get(i).title());
      assertThat(feed.entries().get(i).contentHtml()).isEqualTo(items.get(i).html());
    }
  }

  @Test
  void aCdataEndInsideTheTextIsSplitAcrossTwoSections() {
    assertThat(FeedXml.cdata("a]]>b")).isEqualTo("<![CDATA[a]]]]><![CDATA[>b]]>");
  }
}
