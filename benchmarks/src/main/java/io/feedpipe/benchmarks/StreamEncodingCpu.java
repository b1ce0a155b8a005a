package io.feedpipe.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * {@link StreamEncodingWork} measured in this thread's CPU time rather than wall time, which other
 * processes on a shared machine disturb less: after a warm-up, rounds of {@code posts} posts (the 20
 * LessWrong posts over and over) of each kind in turn; prints the median and range of CPU µs per
 * post over the rounds, and each kind's median against the peer (the cleaned text and HTML each
 * encoded to UTF-8 once). Run:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.feedpipe.benchmarks.StreamEncodingCpu [rounds] [posts]</pre>
 */
public final class StreamEncodingCpu {
  private StreamEncodingCpu() {}

  private record Kind(String name, IntUnaryOperator post) {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int posts = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    StreamEncodingWork work = new StreamEncodingWork();
    Kind[] kinds = {
        new Kind("repeatAsRead", i -> work.repeat(i).length()),
        new Kind("newRevisionAsWritten", work::newRevision),
        new Kind("wordSketch", i -> work.wordSketch(i).length),
        new Kind("encodeEachStringOnce", work::encodeEachStringOnce),
    };
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (Kind kind : kinds) { // warm-up
      sink += run(kind, posts, threads)[1];
    }
    double[][] micros = new double[kinds.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < kinds.length; k++) {
        long[] cpuAndSink = run(kinds[k], posts, threads);
        micros[k][r] = cpuAndSink[0] / 1000.0 / posts;
        sink += cpuAndSink[1];
      }
    }
    double peer = median(micros[kinds.length - 1]);
    System.out.printf(Locale.ROOT, "%d rounds of %d posts, thread CPU µs per post (median, min..max), x peer (%s)%n", rounds, posts,
        kinds[kinds.length - 1].name());
    for (int k = 0; k < kinds.length; k++) {
      double[] m = micros[k].clone();
      Arrays.sort(m);
      System.out.printf(Locale.ROOT, "%-22s %9.2f  %9.2f..%-9.2f %6.2fx%n", kinds[k].name(), median(m), m[0], m[m.length - 1],
          median(m) / peer);
    }
    System.out.println("(ignore: " + sink + ")");
  }

  private static long[] run(Kind kind, int posts, ThreadMXBean threads) {
    long sink = 0;
    long started = threads.getCurrentThreadCpuTime();
    for (int n = 0; n < posts; n++) {
      sink += kind.post().applyAsInt(n % StreamEncodingWork.POSTS);
    }
    return new long[] {threads.getCurrentThreadCpuTime() - started, sink};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
