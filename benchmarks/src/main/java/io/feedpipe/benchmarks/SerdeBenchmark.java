package io.feedpipe.benchmarks;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.SingleObjectCodec;
import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Avro single-object encoding of CleanPost (what posts.clean holds), per post over the 20
 * LessWrong posts cleaned as the Streams app cleans them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SerdeBenchmark {

  static final int POSTS = 20;

  private SingleObjectCodec<CleanPost> codec;
  private List<CleanPost> posts;
  private List<byte[]> encoded;

  @Setup
  public void load() {
    HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());
    codec = SingleObjectCodec.of(CleanPost.class);
    posts = new ArrayList<>();
    encoded = new ArrayList<>();
    Instant now = Instant.parse("2026-11-29T00:00:00Z");
    int i = 0;
    for (LessWrongPosts.Post p : LessWrongPosts.load()) {
      CleanedContent c = cleaner.clean(p.html(), p.link());
      CleanPost post = CleanPost.newBuilder().setPostId("lw-" + i).setRevision(1).setTitle("Post " + i).setLink(p.link())
          .setText(c.text()).setHtml(c.html()).setExcerpt(c.excerpt()).setWordCount(c.wordCount()).setOutboundLinks(c.outboundLinks())
          .setContentHash("h" + i).setPreviousContentHash(null).setFeedId("lesswrong").setFeedUrl("https://www.lesswrong.com/feed.xml")
          .setFirstSeenAt(now).setLastSeenAt(now).setFetchId("bench").setReadingTimeMinutes(Math.max(1, c.wordCount() / 230)).build();
      posts.add(post);
      encoded.add(codec.encode(post));
      i++;
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void encodeCleanPost(Blackhole bh) {
    for (CleanPost post : posts) {
      bh.consume(codec.encode(post));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void decodeCleanPost(Blackhole bh) {
    for (byte[] bytes : encoded) {
      bh.consume(codec.decode(bytes));
    }
  }
}
