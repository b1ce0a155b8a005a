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
 * The producer's feed parse as {@link FeedParser} does it (one decode of the bytes, Woodstox StAX
 * into an unverified JDOM tree, Rome's model built from that tree) over the LessWrong fixture: 20
 * items of ~10–25 KB HTML each. The score is per feed; divide by 20 for the cost per post.
 *
 * <p>Run: {@code mvn -B -o -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar ParseBenchmark -wi 3 -i 5 -w 2 -r 2 -f 1}.
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
