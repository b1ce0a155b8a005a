package io.feedpipe.bench.memory;

import java.time.Duration;

/**
 * What a {@code bench-memory} run measured.
 *
 * @param posts distinct posts written to posts.raw and processed
 * @param writeTime time to write them (before the Streams app started)
 * @param processTime from the Streams app's start until it had committed every post
 * @param maxStoreBytes largest size of the dedupe store's files seen
 * @param endStoreBytes their size at the end
 * @param maxKeysCounted most ids in the store, counted one by one at each progress line; -1 if never counted
 * @param maxKeysEstimate largest RocksDB key estimate seen (approximate; deletions skew it)
 * @param keysAtEnd ids in the store at the end, counted one by one
 * @param oldestIdAge age of the oldest last-seen time in the store at the end, on the run's clock; null if the store is empty
 * @param recentRemembered ids at the end whose last-seen time is within the retention
 * @param recentExpected ids written whose fetch time is within the retention at the end
 * @param sweepsLogged sweeps that forgot ids, as the processor logged them (one per store instance and sweep)
 * @param idsForgotten ids those sweeps forgot
 * @param heapAfterFullGcMax largest heap in use right after a full GC (forced every few seconds and at the end)
 * @param fullGcs how many full GCs were forced while Streams ran
 * @param heapAfterGcMax largest heap in use after any collection (young ones included: garbage in the old generation counts)
 * @param peakHeap largest heap in use, before any collection
 * @param maxHeap the JVM's maximum heap (-Xmx)
 * @param maxRocksDbBytes most memory RocksDB held outside the heap in any sample (its shared cache, memtables included); -1 if unknown
 * @param rocksDbBudget the configured {@code streams.rocksdb-memory}
 * @param peakResidentBytes the process's peak resident memory (RocksDB's off-heap memory included); -1 if unknown
 * @param deadLetters records in posts.dlq
 */
public record RunSummary(
    long posts,
    Duration writeTime,
    Duration processTime,
    long maxStoreBytes,
    long endStoreBytes,
    long maxKeysCounted,
    long maxKeysEstimate,
    long keysAtEnd,
    Duration oldestIdAge,
    long recentRemembered,
    long recentExpected,
    long sweepsLogged,
    long idsForgotten,
    long heapAfterFullGcMax,
    long fullGcs,
    long heapAfterGcMax,
    long peakHeap,
    long maxHeap,
    long maxRocksDbBytes,
    long rocksDbBudget,
    long peakResidentBytes,
    long deadLetters) {

  public double postsPerSecond() {
    return processTime.toMillis() == 0 ? 0 : posts * 1000.0 / processTime.toMillis();
  }
}
