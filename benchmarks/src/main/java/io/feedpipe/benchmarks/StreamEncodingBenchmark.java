package io.feedpipe.benchmarks;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.dedupe.OutputHash;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.dedupe.SourceHash;
import io.feedpipe.streams.dedupe.WordSketch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the Streams stage's thread spends on a post besides cleaning it and the store, per post over
 * the 20 LessWrong posts (cleaned once in setup; each operation works on fresh string objects, as
 * the stream thread does):
 * <ul>
 *   <li>{@code repeatAsRead}: a repeat: the record decoded from posts.raw and its source hash;
 *   <li>{@code newRevisionAsWritten}: a new revision: the record decoded, its source hash, the
 *       content and text hashes, the output hash of the cleaned HTML, and the CleanPost encoded
 *       for posts.clean;
 *   <li>{@code wordSketch}: the word sketch of the cleaned text (part of every new revision);
 *   <li>{@code encodeEachStringOnce}: the peer: the cleaned text and HTML each encoded to UTF-8
 *       once, the least a new revision's hashes and record need.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StreamEncodingBenchmark {

  static final int POSTS = 20;

  private final Deserializer<FetchedPost> fetchedPosts = AvroSerdes.deserializer(FetchedPost.class);
  private final Serializer<CleanPost> cleanPosts = AvroSerdes.serializer(CleanPost.class);
  private List<byte[]> raw;
  private List<CleanedContent> cleaned;
  private Instant now;

  @Setup
  public void load() {
    HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());
    Serializer<FetchedPost> producer = AvroSerdes.serializer(FetchedPost.class);
    now = Instant.parse("2026-11-29T00:00:00Z");
    raw = new ArrayList<>();
    cleaned = new ArrayList<>();
    int i = 0;
    for (LessWrongPosts.Post p : LessWrongPosts.load()) {
      FetchedPost post = FetchedPost.newBuilder().setPostId("lesswrong:" + i).setFeedId("lesswrong")
          .setFeedUrl("https://www.lesswrong.com/feed.xml").setTitle("Post “" + i + "”").setLink(p.link()).setContentHtml(p.html())
          .setFetchedAt(now).setFetchId("bench").build();
      raw.add(producer.serialize(FeedpipeTopics.RAW, post));
      cleaned.add(cleaner.clean(p.html(), p.link()));
      i++;
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void repeatAsRead(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(SourceHash.of(fetchedPosts.deserialize(FeedpipeTopics.RAW, raw.get(i))));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void newRevisionAsWritten(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      FetchedPost fetched = fetchedPosts.deserialize(FeedpipeTopics.RAW, raw.get(i));
      String sourceHash = SourceHash.of(fetched);
      CleanedContent c = cleaned.get(i);
      // New objects, as the cleaner makes for every post: nothing is known of them yet.
      String text = new String(c.text());
      String html = new String(c.html());
      RevisionContent content = RevisionContent.of(fetched.getTitle(), text);
      CleanPost post = CleanPost.newBuilder().setPostId(fetched.getPostId()).setRevision(1).setTitle(fetched.getTitle())
          .setLink(fetched.getLink()).setText(text).setHtml(html).setExcerpt(c.excerpt()).setWordCount(c.wordCount())
          .setOutboundLinks(c.outboundLinks()).setContentHash(content.contentHash()).setFeedId(fetched.getFeedId())
          .setFeedUrl(fetched.getFeedUrl()).setFirstSeenAt(now).setLastSeenAt(now).setFetchId(fetched.getFetchId()).build();
      bh.consume(sourceHash);
      bh.consume(OutputHash.of(post.getHtml()));
      bh.consume(cleanPosts.serialize(FeedpipeTopics.CLEAN, post));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void wordSketch(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(WordSketch.of(cleaned.get(i).text()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void encodeEachStringOnce(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      CleanedContent c = cleaned.get(i);
      bh.consume(c.text().getBytes(StandardCharsets.UTF_8));
      bh.consume(c.html().getBytes(StandardCharsets.UTF_8));
    }
  }
}
