package io.feedpipe.bench.memory;

import io.feedpipe.streams.wire.Utf8Forms;
import java.time.Duration;
import java.util.List;

/**
 * The bounds the dedupe store and the Streams heap must stay within, derived from the design, not
 * from a measurement of the store (docs/benchmarks-and-faults.md, "Memory bounds").
 *
 * <p><b>Live ids.</b> The processor sweeps every {@code sweepInterval} (a quarter of the retention, 1 min to 1 h) the ids whose last-seen
 * time is older than the retention. Just before a sweep the store holds the ids seen in the last
 * {@code retention + sweepInterval}: at {@code r} new ids per hour, at most {@code r·(retention +
 * sweepInterval)}, plus {@value #SKEW_PERCENT}% for partitions processed unevenly and the clock's
 * steps; never more than the posts written.
 *
 * <p><b>Store on disk.</b> An entry is the key, the Avro {@code PostState}, and about {@value
 * #ROCKSDB_ENTRY_OVERHEAD} B of RocksDB's own (sequence number and type, length varints, index and
 * bloom-filter share). Deleted entries keep their value and gain a tombstone until a compaction
 * drops both, so the live data is counted twice. Each store instance (one per partition) may also
 * hold {@value #L0_COMPACTION_TRIGGER} level-0 files before RocksDB compacts them (Kafka Streams
 * keeps RocksDB's {@code level0_file_num_compaction_trigger}); a level-0 file is one flush, at most
 * the 16 MB write buffer (Kafka Streams' default) and, under exactly-once, about the {@value
 * #CHECKPOINT_RECORDS} changelog records after which Kafka Streams checkpoints, flushing the store.
 * Plus {@value #FILES_PER_INSTANCE_MB} MB of MANIFEST, OPTIONS and LOG files per instance.
 *
 * <p><b>Heap after a full GC.</b> What the JVM held before Kafka Streams started (measured: the JVM,
 * the embedded broker when there is one, the language profiles) plus Kafka Streams' buffers at their
 * configured limits: the consumer's fetched data (1 MB per partition, twice), the input queues
 * (1,000 records per partition, deserialized at twice their size), the record cache (10 MB), the
 * producer's buffer pool (32 MB), the sweep's list of expired ids, the UTF-8 forms of long strings
 * each stream thread keeps so it encodes a post's text once ({@link Utf8Forms#MAX_BYTES} a thread), and a {@value #WORKING_MB} MB
 * allowance for the post being cleaned, Avro and transaction state. The store itself is off the heap.
 *
 * @param liveIds most post ids the store may hold
 * @param entryBytes bytes of one store entry on disk
 * @param storeBytes most bytes the store may take on disk
 * @param heapBaselineBytes heap before Kafka Streams started (measured)
 * @param streamsHeapBytes Kafka Streams' share of the heap
 * @param maxIdAge oldest last-seen time a remembered id may have, relative to the clock
 */
public record MemoryBounds(long liveIds, double entryBytes, long storeBytes, long heapBaselineBytes, long streamsHeapBytes,
    Duration maxIdAge, List<String> derivation) {

  static final int SKEW_PERCENT = 10;
  static final int ROCKSDB_ENTRY_OVERHEAD = 32;
  static final int L0_COMPACTION_TRIGGER = 4;
  static final long WRITE_BUFFER_BYTES = 16L << 20;
  static final int CHECKPOINT_RECORDS = 10_000;
  static final int FILES_PER_INSTANCE_MB = 1;
  static final long FETCH_BYTES_PER_PARTITION = 1L << 20;
  static final int BUFFERED_RECORDS_PER_PARTITION = 1_000;
  static final long RECORD_CACHE_BYTES = 10L << 20;
  static final long PRODUCER_BUFFER_BYTES = 32L << 20;
  /** A String of n Latin-1 chars is about n + 56 bytes with its array and a list slot. */
  static final int STRING_OVERHEAD = 56;
  static final int WORKING_MB = 32;

  public long heapBytes() {
    return heapBaselineBytes + streamsHeapBytes;
  }

  /**
   * @param workload what the run writes, and how the Streams app is set up
   * @param heapBaselineBytes heap in use after a full GC just before Kafka Streams started
   */
  public static MemoryBounds derive(Workload workload, long heapBaselineBytes) {
    double perHour = workload.idsPerHour();
    double windowHours = (workload.retention().toMillis() + workload.sweepInterval().toMillis()) / 3_600_000.0;
    long liveIds = Math.min(workload.posts(), (long) Math.ceil(perHour * windowHours * (100 + SKEW_PERCENT) / 100));

    double entry = workload.keyBytes() + workload.valueBytes() + ROCKSDB_ENTRY_OVERHEAD;
    double live = liveIds * entry;
    double flush = Math.min(WRITE_BUFFER_BYTES, CHECKPOINT_RECORDS * entry);
    double perInstance = L0_COMPACTION_TRIGGER * flush + (FILES_PER_INSTANCE_MB << 20);
    long store = (long) Math.ceil(2 * live + workload.storeInstances() * perInstance);

    int partitions = workload.storeInstances();
    long fetch = 2 * partitions * FETCH_BYTES_PER_PARTITION;
    long queues = (long) (2.0 * partitions * BUFFERED_RECORDS_PER_PARTITION * workload.rawRecordBytes());
    long expiredPerSweep = Math.min(workload.posts(),
        (long) Math.ceil(perHour * workload.sweepInterval().toMillis() / 3_600_000.0 * (100 + SKEW_PERCENT) / 100));
    long sweepList = (long) (expiredPerSweep * (workload.keyBytes() + STRING_OVERHEAD));
    long working = (long) WORKING_MB << 20;
    long keptForms = (long) workload.streamThreads() * Utf8Forms.MAX_BYTES;
    long streamsHeap = fetch + queues + RECORD_CACHE_BYTES + PRODUCER_BUFFER_BYTES + sweepList + keptForms + working;

    Duration maxAge = Duration.ofMillis((workload.retention().toMillis() + workload.sweepInterval().toMillis()) * (100 + SKEW_PERCENT) / 100);

    List<String> derivation = List.of(
        String.format("live ids ≤ %,.0f new ids/h × (retention %s + sweep interval %s) × 1.%02d = %,d (of %,d written)", perHour,
            Report.duration(workload.retention()), Report.duration(workload.sweepInterval()), SKEW_PERCENT, liveIds, workload.posts()),
        String.format("store entry = key %.0f B + PostState %.0f B + RocksDB %d B = %.0f B", workload.keyBytes(), workload.valueBytes(),
            ROCKSDB_ENTRY_OVERHEAD, entry),
        String.format("store on disk ≤ 2 × %,d × %.0f B (live, and deleted until compacted) + %d instances × (%d L0 files × %s + %d MB) = %s",
            liveIds, entry, partitions, L0_COMPACTION_TRIGGER, Report.bytes((long) flush), FILES_PER_INSTANCE_MB, Report.bytes(store)),
        String.format("heap after full GC ≤ baseline %s + Streams %s (fetch %s, input queues %s, record cache %s, producer %s, "
                + "sweep list %s, kept UTF-8 forms %s, working %s) = %s", Report.bytes(heapBaselineBytes), Report.bytes(streamsHeap),
            Report.bytes(fetch), Report.bytes(queues), Report.bytes(RECORD_CACHE_BYTES), Report.bytes(PRODUCER_BUFFER_BYTES),
            Report.bytes(sweepList), Report.bytes(keptForms), Report.bytes(working), Report.bytes(heapBaselineBytes + streamsHeap)),
        String.format("oldest remembered id ≤ (retention + sweep interval) × 1.%02d = %s old", SKEW_PERCENT, Report.duration(maxAge)));
    return new MemoryBounds(liveIds, entry, store, heapBaselineBytes, streamsHeap, maxAge, derivation);
  }

  /**
   * What the bounds depend on.
   *
   * @param posts distinct post ids written
   * @param span simulated time over which they were fetched
   * @param retention the dedupe retention
   * @param sweepInterval how often the processor sweeps expired ids
   * @param storeInstances RocksDB instances of the store (one per input partition)
   * @param streamThreads stream threads of the Streams app
   * @param keyBytes average key (post id) size in the store
   * @param valueBytes average serialized PostState size
   * @param rawRecordBytes average serialized FetchedPost size
   */
  public record Workload(long posts, Duration span, Duration retention, Duration sweepInterval, int storeInstances, int streamThreads,
      double keyBytes,
      double valueBytes, double rawRecordBytes) {

    public Workload {
      if (posts < 1 || storeInstances < 1 || streamThreads < 1 || span.toMillis() < 1 || retention.toMillis() < 1 || sweepInterval.toMillis() < 1) {
        throw new IllegalArgumentException(
            "posts, store instances, stream threads, span, retention and sweep interval must be positive");
      }
    }

    public double idsPerHour() {
      return posts * 3_600_000.0 / span.toMillis();
    }
  }
}
