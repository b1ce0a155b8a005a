package io.feedpipe.bench.memory;

/**
 * What the samples of a run add up to: the latest and the largest of each measure. Not thread-safe;
 * the sampling thread owns it.
 */
public final class SampleStats {

  /**
   * One look at the running app.
   *
   * @param processed input records committed by the Streams app
   * @param storeBytes the dedupe store's files on disk
   * @param keysEstimate RocksDB's estimate of the store's keys ({@code rocksdb.estimate-num-keys}), -1 if unknown; deletions
   *     skew it, often far below the truth
   * @param keysCounted the store's keys counted one by one, -1 if not counted in this sample
   * @param heapUsed heap in use when sampled (garbage included)
   * @param rocksDbBytes RocksDB's memory outside the heap (the shared cache with the memtables charged to it), -1 if unknown
   */
  public record Sample(long processed, long storeBytes, long keysEstimate, long keysCounted, long heapUsed, long rocksDbBytes) {}

  private long samples;
  private Sample last;
  private long maxStoreBytes = -1;
  private long maxKeysEstimate = -1;
  private long maxKeysCounted = -1;
  private long lastKeysCounted = -1;
  private long maxHeapUsed = -1;
  private long maxRocksDbBytes = -1;

  public void add(Sample sample) {
    samples++;
    last = sample;
    maxStoreBytes = Math.max(maxStoreBytes, sample.storeBytes());
    maxKeysEstimate = Math.max(maxKeysEstimate, sample.keysEstimate());
    maxKeysCounted = Math.max(maxKeysCounted, sample.keysCounted());
    if (sample.keysCounted() >= 0) {
      lastKeysCounted = sample.keysCounted();
    }
    maxHeapUsed = Math.max(maxHeapUsed, sample.heapUsed());
    maxRocksDbBytes = Math.max(maxRocksDbBytes, sample.rocksDbBytes());
  }

  public long samples() {
    return samples;
  }

  /** The latest sample; null before the first. */
  public Sample last() {
    return last;
  }

  public long maxStoreBytes() {
    return maxStoreBytes;
  }

  public long maxKeysEstimate() {
    return maxKeysEstimate;
  }

  /** Most keys counted in any sample; -1 if never counted. */
  public long maxKeysCounted() {
    return maxKeysCounted;
  }

  /** Keys at the latest count; -1 if never counted. */
  public long lastKeysCounted() {
    return lastKeysCounted;
  }

  public long maxHeapUsed() {
    return maxHeapUsed;
  }

  /** Most RocksDB memory in any sample; -1 if never known. */
  public long maxRocksDbBytes() {
    return maxRocksDbBytes;
  }
}
