package io.feedpipe.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Measures one stage in this JVM: wall time, the process's CPU time, the CPU time of the stage's own
 * threads (chosen by name) and the peak heap. Starting one collects garbage and resets the heap
 * pools' peaks, so each stage's peak is its own.
 */
final class StageMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Predicate<String> ownThreads;
  private final Map<Long, Long> threadCpuAtStart;
  private final Map<Long, Long> allThreadCpuAtStart;
  private final long processCpuAtStart;
  private final long start;

  private StageMeter(Predicate<String> ownThreads) {
    this.ownThreads = ownThreads;
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    this.allThreadCpuAtStart = threadCpu(name -> true);
    this.threadCpuAtStart = threadCpu(ownThreads);
    this.processCpuAtStart = processCpu();
    this.start = System.nanoTime();
  }

  /** @param ownThreads which threads (by name) are the stage's own; their CPU time is reported apart */
  static StageMeter start(Predicate<String> ownThreads) {
    return new StageMeter(ownThreads);
  }

  /** Ends the measurement. A thread of the stage that ended before this is not counted. */
  StageResult stop(String name, long posts, long bytes) {
    long wall = System.nanoTime() - start;
    long processCpu = processCpu() - processCpuAtStart;
    long own = 0;
    for (var thread : threadCpu(ownThreads).entrySet()) {
      own += thread.getValue() - threadCpuAtStart.getOrDefault(thread.getKey(), 0L);
    }
    long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new StageResult(name, posts, bytes, wall, processCpu, Math.max(0, own), peak);
  }

  /**
   * CPU time since the start of the threads whose names match {@code which} (a subset of the own
   * threads, e.g. the stream threads without their producers), in nanoseconds; call right after
   * {@link #stop}. A thread that ended before this is not counted.
   */
  long threadCpuSinceStart(Predicate<String> which) {
    long nanos = 0;
    for (var thread : threadCpu(which).entrySet()) {
      nanos += thread.getValue() - allThreadCpuAtStart.getOrDefault(thread.getKey(), 0L);
    }
    return Math.max(0, nanos);
  }

  /** CPU time of the whole JVM so far, in nanoseconds; 0 where the JVM does not tell. */
  static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /** CPU time of the current thread so far, in nanoseconds; 0 where not supported. */
  static long currentThreadCpu() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? Math.max(0, THREADS.getCurrentThreadCpuTime()) : 0;
  }

  private static Map<Long, Long> threadCpu(Predicate<String> which) {
    Map<Long, Long> cpu = new HashMap<>();
    if (!THREADS.isThreadCpuTimeSupported()) {
      return cpu;
    }
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && which.test(info.getThreadName())) {
        long nanos = THREADS.getThreadCpuTime(info.getThreadId());
        if (nanos > 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }
}
