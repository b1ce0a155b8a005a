package io.feedpipe.benchmarks;

import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
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
 * Cleaning one post against a bare Jsoup parse of the same HTML, side by side in one run over the
 * 20 LessWrong posts; Jsoup's own Cleaner path (parse, clean, then text and HTML) for reference.
 * Each invocation handles all 20 posts, so the scores are per post. Single-threaded: the figures
 * are per core.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar} ({@link BenchMain} prints the
 * ratios, posts/s and MB/s after JMH's table).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Long warmup, two forks: on 2 cores C2 keeps compiling the cleaner's and Jsoup's code for 30-50 s
// (warmup iterations start at ~500 µs/op; clean sits at ~105 µs/op for a while before settling at
// ~55-59), and a fork can settle on a slower compilation of Jsoup's tokenizer (bare parse ~30 or
// ~56 µs/op): compare the forks' last iterations, not only the mean.
@Warmup(iterations = 25, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CleanBenchmark {

  static final int POSTS = 20;

  private List<LessWrongPosts.Post> posts;
  private HtmlCleaner cleaner;
  private Safelist relaxed;

  @Setup
  public void load() {
    posts = LessWrongPosts.load();
    cleaner = new HtmlCleaner(CleanerConfig.defaults());
    relaxed = Safelist.relaxed();
  }

  /** The baseline: Jsoup's parse of the post and nothing else. */
  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void bareParse(Blackhole bh) {
    for (LessWrongPosts.Post p : posts) {
      bh.consume(Jsoup.parse(p.html()));
    }
  }

  /** feedpipe's cleaner: one parse, one traversal giving text, safe HTML, excerpt, words, links, images. */
  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void clean(Blackhole bh) {
    for (LessWrongPosts.Post p : posts) {
      CleanedContent c = cleaner.clean(p.html(), p.link());
      bh.consume(c);
    }
  }

  /** Jsoup's Cleaner path for reference: parse, copy the tree through the Safelist, then text and HTML. */
  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void jsoupCleaner(Blackhole bh) {
    for (LessWrongPosts.Post p : posts) {
      Document clean = new Cleaner(relaxed).clean(Jsoup.parse(p.html(), p.link()));
      bh.consume(clean.body().text());
      bh.consume(clean.body().html());
    }
  }
}
