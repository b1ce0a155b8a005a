package io.feedpipe.benchmarks;

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
 * What the Streams stage's thread spends on a post's bytes besides cleaning it and the store, per
 * post over the 20 LessWrong posts ({@link StreamEncodingWork}): {@code repeatAsRead},
 * {@code newRevisionAsWritten}, {@code wordSketch}, and the peer {@code encodeEachStringOnce} (the
 * cleaned text and HTML each encoded to UTF-8 once). On a shared machine, {@link StreamEncodingCpu}
 * measures the same work in thread CPU time, which other processes disturb less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StreamEncodingBenchmark {

  static final int POSTS = StreamEncodingWork.POSTS;

  private StreamEncodingWork work;

  @Setup
  public void load() {
    work = new StreamEncodingWork();
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void repeatAsRead(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(work.repeat(i));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void newRevisionAsWritten(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(work.newRevision(i));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void wordSketch(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(work.wordSketch(i));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void encodeEachStringOnce(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(work.encodeEachStringOnce(i));
    }
  }
}
