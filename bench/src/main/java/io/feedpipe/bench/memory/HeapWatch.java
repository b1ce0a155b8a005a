package io.feedpipe.bench.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's heap as the run goes: every collection reports the heap in use before it (the peak) and
 * after it; {@link #fullGc} forces a full collection and reads what survives, the live heap.
 */
public final class HeapWatch implements AutoCloseable {

  /** The action HotSpot's collectors report for a full collection (G1: "G1 Old Generation"). */
  private static final String FULL_GC = "end of major GC";

  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;

  private volatile long peak;
  private volatile long maxAfterGc;
  private volatile long maxAfterFullGc;
  private volatile long fullGcs;
  private long fullCollections;
  private long lastAfterFullGc;

  public HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    var gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long before = heapSum(gc.getGcInfo().getMemoryUsageBeforeGc());
    long after = heapSum(gc.getGcInfo().getMemoryUsageAfterGc());
    synchronized (this) {
      peak = Math.max(peak, before);
      maxAfterGc = Math.max(maxAfterGc, after);
      if (FULL_GC.equals(gc.getGcAction())) {
        lastAfterFullGc = after;
        fullCollections++;
        notifyAll();
      }
    }
  }

  private long heapSum(Map<String, MemoryUsage> pools) {
    long sum = 0;
    for (var pool : pools.entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        sum += pool.getValue().getUsed();
      }
    }
    return sum;
  }

  /** Heap in use now (garbage included); also counts toward the peak. */
  public long used() {
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    synchronized (this) {
      peak = Math.max(peak, used);
    }
    return used;
  }

  /**
   * Forces a full collection and returns the heap that survived it, as the collection itself reports
   * it (reading the heap after {@code System.gc()} returns would also count what other threads
   * allocated meanwhile: tens of MB on a busy machine). -1 if no full collection happened: the JVM
   * may decline {@code System.gc()} while a thread holds a JNI critical region (RocksDB does); it is
   * asked three times.
   */
  public long fullGc() throws InterruptedException {
    synchronized (this) {
      for (int attempt = 0; attempt < 3; attempt++) {
        long seen = fullCollections;
        System.gc();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (fullCollections == seen && System.nanoTime() < deadline) {
          wait(50);
        }
        if (fullCollections != seen) {
          maxAfterFullGc = Math.max(maxAfterFullGc, lastAfterFullGc);
          fullGcs++;
          return lastAfterFullGc;
        }
      }
      return -1;
    }
  }

  /** Forgets the maxima so far (e.g. those of the set-up, before the part being measured). */
  public synchronized void reset() {
    peak = 0;
    maxAfterGc = 0;
    maxAfterFullGc = 0;
    fullGcs = 0;
  }

  public long peak() {
    return peak;
  }

  public long maxAfterGc() {
    return maxAfterGc;
  }

  public long maxAfterFullGc() {
    return maxAfterFullGc;
  }

  public long fullGcs() {
    return fullGcs;
  }

  public static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** The process's peak resident set (VmHWM) on Linux; -1 elsewhere. */
  public static long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      // not Linux: unknown
    }
    return -1;
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
  }
}
