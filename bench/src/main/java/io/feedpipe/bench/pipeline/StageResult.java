package io.feedpipe.bench.pipeline;

/**
 * What one measured stage did and cost.
 *
 * @param name the row's label
 * @param posts posts the stage handled
 * @param bytes the bytes they amount to (posts.raw record values, or HTML for the parse rows), for MB/s
 * @param wallNanos elapsed time
 * @param processCpuNanos CPU time of the whole JVM meanwhile (with the embedded broker, the broker's too)
 * @param ownCpuNanos CPU time of the stage's own threads; 0 when not measurable
 * @param peakHeapBytes the sum of the heap pools' peaks during the stage (an upper bound); -1: not reported
 */
public record StageResult(String name, long posts, long bytes, long wallNanos, long processCpuNanos, long ownCpuNanos,
    long peakHeapBytes) {

  /** The same measurement with the bytes known afterwards. */
  public StageResult withBytes(long stageBytes) {
    return new StageResult(name, posts, stageBytes, wallNanos, processCpuNanos, ownCpuNanos, peakHeapBytes);
  }

  /** The same measurement without a peak heap (when the bench itself held the stage's data in memory). */
  public StageResult withPeakHeapUnknown() {
    return new StageResult(name, posts, bytes, wallNanos, processCpuNanos, ownCpuNanos, -1);
  }

  public double wallSeconds() {
    return wallNanos / 1e9;
  }

  public double postsPerSecond() {
    return wallNanos <= 0 ? 0 : posts / wallSeconds();
  }

  /** Megabytes (10⁶ bytes) per second. */
  public double megabytesPerSecond() {
    return wallNanos <= 0 ? 0 : bytes / 1e6 / wallSeconds();
  }

  /** CPU seconds of the whole JVM per 1,000 posts. */
  public double processCpuPer1000() {
    return posts == 0 ? 0 : processCpuNanos / 1e9 * 1000 / posts;
  }

  /** CPU seconds of the stage's own threads per 1,000 posts. */
  public double ownCpuPer1000() {
    return posts == 0 ? 0 : ownCpuNanos / 1e9 * 1000 / posts;
  }

  /** Seconds per post of the stage's own CPU time, or of wall time when thread CPU time is not measurable. */
  public double costPerPostSeconds() {
    long nanos = ownCpuNanos > 0 ? ownCpuNanos : wallNanos;
    return posts == 0 ? 0 : nanos / 1e9 / posts;
  }
}
