package io.feedpipe.bench.pipeline;

import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.HtmlCleaner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;

/**
 * The floor of the work: a bare Jsoup parse of every post's HTML, and feedpipe's cleaner over the
 * same HTML, on one thread after a warm-up. A bare parse is {@code Jsoup.parse(html)}, the entry
 * point {@link HtmlCleaner} uses. The HTML is generated in chunks outside the timed loops, and the
 * two are timed chunk by chunk in turn, so that both see the same JIT and the same neighbours on a
 * shared machine.
 */
final class ParseFloor {
  private static final int CHUNK = 200;
  private static final int WARM_UP_POSTS = 1_000;
  private static final long WARM_UP_MIN_NANOS = 5_000_000_000L;
  private static final long WARM_UP_MAX_NANOS = 30_000_000_000L;
  private static final String BASE_URI = "https://www.lesswrong.com/posts/bench/";

  /** Keeps the JIT from dropping work whose result is unused. */
  private static long sink;

  record Result(StageResult bareParse, StageResult clean) {}

  private ParseFloor() {}

  static Result measure(BenchPosts posts, int count, HtmlCleaner cleaner, PrintWriter err, String bareName, String cleanName) {
    warmUp(posts, count, cleaner);
    Timing bare = new Timing();
    Timing clean = new Timing();
    AtomicLong done = new AtomicLong();
    long bytes = Progress.during(err, "bare parse and clean, 1 thread", count, "posts", done::get, () -> {
      long htmlBytes = 0;
      List<String> chunk = new ArrayList<>(CHUNK);
      for (int from = 0; from < count; from += CHUNK) {
        chunk.clear();
        for (int i = from; i < Math.min(count, from + CHUNK); i++) {
          String html = posts.post(i).html();
          htmlBytes += html.getBytes(StandardCharsets.UTF_8).length;
          chunk.add(html);
        }
        bare.time(chunk, html -> Jsoup.parse(html).childNodeSize());
        clean.time(chunk, html -> {
          CleanedContent content = cleaner.clean(html, BASE_URI);
          return content.text().length() + content.html().length();
        });
        done.addAndGet(chunk.size());
      }
      return htmlBytes;
    });
    return new Result(bare.result(bareName, count, bytes), clean.result(cleanName, count, bytes));
  }

  /**
   * Both code paths, {@link #WARM_UP_POSTS} times (at most the run's posts), and for a run of at
   * least that many posts for at least 5 s too: the JIT compilers are slow on a busy machine.
   */
  private static void warmUp(BenchPosts posts, int count, HtmlCleaner cleaner) {
    int minPosts = Math.min(count, WARM_UP_POSTS);
    long minNanos = count >= WARM_UP_POSTS ? WARM_UP_MIN_NANOS : 0;
    long start = System.nanoTime();
    for (int i = 0; ; i++) {
      long elapsed = System.nanoTime() - start;
      if ((i >= minPosts && elapsed >= minNanos) || elapsed >= WARM_UP_MAX_NANOS) {
        return;
      }
      String html = posts.post(i % count).html();
      sink += Jsoup.parse(html).childNodeSize();
      sink += cleaner.clean(html, BASE_URI).text().length();
    }
  }

  private interface Work {
    long apply(String html);
  }

  /** Wall, thread CPU and process CPU time summed over the timed chunks. */
  private static final class Timing {
    private long wall;
    private long threadCpu;
    private long processCpu;

    void time(List<String> chunk, Work work) {
      long p0 = StageMeter.processCpu();
      long c0 = StageMeter.currentThreadCpu();
      long t0 = System.nanoTime();
      for (String html : chunk) {
        sink += work.apply(html);
      }
      wall += System.nanoTime() - t0;
      threadCpu += StageMeter.currentThreadCpu() - c0;
      processCpu += StageMeter.processCpu() - p0;
    }

    StageResult result(String name, int posts, long bytes) {
      return new StageResult(name, posts, bytes, wall, processCpu, threadCpu, -1);
    }
  }
}
