package io.feedpipe.benchmarks;

import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.parse.ParsedFeed;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The producer's feed parse (Rome, XML healer off first, as {@link FeedParser} does it) over the
 * LessWrong fixture: 20 items of ~10–25 KB HTML each. The score is per feed; divide by 20 for the
 * cost per post.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {

  private byte[] feed;
  private FeedParser parser;

  @Setup
  public void load() throws IOException {
    try (InputStream in = ParseBenchmark.class.getResourceAsStream("/fixtures/lesswrong/feed.xml")) {
      if (in == null) {
        throw new IllegalStateException("fixtures/lesswrong/feed.xml missing from the benchmark jar");
      }
      feed = in.readAllBytes();
    }
    parser = new FeedParser();
  }

  /** One whole feed: bytes to entries (title, link, dates, content HTML). */
  @Benchmark
  public ParsedFeed parseFeed() throws Exception {
    return parser.parse("lesswrong", feed, "application/rss+xml; charset=utf-8");
  }
}
