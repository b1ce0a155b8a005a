package io.feedpipe.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks with JMH's usual command-line options (e.g. {@code -f 1 -wi 3 -i 5}, or a
 * benchmark name pattern; default: the cleaning benchmarks), then prints, per core: the cost of
 * cleaning and of Jsoup's Cleaner path relative to a bare parse measured in the same run, and
 * posts/s and MB/s for each.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(CleanBenchmark.class.getSimpleName());
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    summarize(results);
  }

  static void summarize(Collection<RunResult> results) {
    Map<String, Double> microsPerPost = new HashMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String name = label.substring(label.lastIndexOf('.') + 1);
      double score = r.getPrimaryResult().getScore();
      String unit = r.getPrimaryResult().getScoreUnit();
      microsPerPost.put(name, toMicros(score, unit));
    }
    Double parse = microsPerPost.get("bareParse");
    if (parse == null) {
      return;
    }
    var posts = LessWrongPosts.load();
    double meanBytes = LessWrongPosts.totalBytes(posts) / (double) posts.size();
    System.out.println();
    System.out.printf(Locale.ROOT, "LessWrong fixture: %d posts, %.1f KB of HTML per post on average; one thread (per core)%n",
        posts.size(), meanBytes / 1024);
    System.out.printf(Locale.ROOT, "%-14s %12s %10s %10s %10s%n", "benchmark", "us/post", "x parse", "posts/s", "MB/s");
    for (String name : new String[] {"bareParse", "clean", "jsoupCleaner"}) {
      Double us = microsPerPost.get(name);
      if (us == null) {
        continue;
      }
      double postsPerSecond = 1_000_000 / us;
      System.out.printf(Locale.ROOT, "%-14s %12.1f %9.2fx %10.0f %10.1f%n", name, us, us / parse, postsPerSecond,
          postsPerSecond * meanBytes / 1_000_000);
    }
  }

  private static double toMicros(double score, String unit) {
    return switch (unit) {
      case "ns/op" -> score / 1000;
      case "us/op" -> score;
      case "ms/op" -> score * 1000;
      case "s/op" -> score * 1_000_000;
      case "ops/us" -> 1 / score;
      case "ops/ms" -> 1000 / score;
      case "ops/s" -> 1_000_000 / score;
      default -> throw new IllegalArgumentException("unexpected score unit " + unit);
    };
  }
}
