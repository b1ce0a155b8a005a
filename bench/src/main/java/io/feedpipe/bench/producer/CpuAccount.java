package io.feedpipe.bench.producer;

import io.feedpipe.producer.ProducerThreads;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a benchmark round's CPU time went in this JVM, which also runs the embedded broker and the
 * feed server: the producer's threads (as {@link ProducerThreads#isProducerThread} names them: poll
 * pool, HTTP timer, status senders, Kafka sender…), the feed server's threads, the other Java
 * threads (the broker, when embedded), and the rest of the process — garbage collection, the JIT
 * compilers and Java threads that started and ended within the round. GC and JIT are also shown
 * apart where Linux's {@code /proc/self/task} names the JVM's own threads.
 */
public final class CpuAccount {
  /** CPU seconds of one round, by consumer. */
  public record Round(double producer, double feedServer, double otherJava, double jvm, double gc, double jit, double process) {
    /** Everything but the broker's (and other Java threads') and the feed server's: the producer's share, with all GC and JIT charged to it. */
    public double producerWithJvm() {
      return producer + jvm;
    }
  }

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> javaStart;
  private long processStart;
  private Map<String, Long> nativeStart;

  public void start() {
    javaStart = javaThreads();
    nativeStart = nativeThreads();
    processStart = processCpu();
  }

  public Round stop() {
    long process = processCpu() - processStart;
    long producer = 0;
    long server = 0;
    long other = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long cpu = threads.getThreadCpuTime(t.getId());
      if (cpu < 0) {
        continue;
      }
      long delta = cpu - javaStart.getOrDefault(t.getId(), 0L);
      String name = t.getName();
      if (ProducerThreads.isProducerThread(name)) {
        producer += delta;
      } else if (name.startsWith("bench-http-") || name.equals("HTTP-Dispatcher")) {
        server += delta;
      } else {
        other += delta;
      }
    }
    Map<String, Long> nativeEnd = nativeThreads();
    long gc = 0;
    long jit = 0;
    for (Map.Entry<String, Long> e : nativeEnd.entrySet()) {
      long delta = e.getValue() - nativeStart.getOrDefault(e.getKey(), 0L);
      String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      if (name.startsWith("GC Thread") || name.startsWith("G1 ")) { // G1's workers, concurrent marking, refinement
        gc += delta;
      } else if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
        jit += delta;
      }
    }
    long jvm = Math.max(0, process - producer - server - other);
    return new Round(producer / 1e9, server / 1e9, other / 1e9, jvm / 1e9, gc / 1e9, jit / 1e9, process / 1e9);
  }

  private Map<Long, Long> javaThreads() {
    Map<Long, Long> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long nanos = threads.getThreadCpuTime(t.getId());
      if (nanos >= 0) {
        cpu.put(t.getId(), nanos);
      }
    }
    return cpu;
  }

  /** CPU nanoseconds of every thread of the process by "tid name", from /proc; empty where there is none. */
  private static Map<String, Long> nativeThreads() {
    Map<String, Long> cpu = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return cpu;
    }
    long nanosPerTick = 10_000_000L; // USER_HZ is 100 on Linux
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.ISO_8859_1);
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] fields = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
          cpu.put(task.getFileName() + " " + stat.substring(open + 1, close), ticks * nanosPerTick);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile, or an unexpected format: not counted apart
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return cpu;
  }

  private static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
