package io.feedpipe.bench.pipeline;

import io.feedpipe.bench.pipeline.BenchFeeds.Batch;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, per generated post, the records of posts.clean that carry its id, as a read_committed
 * reader sees them: the exactly-once check of the run. Every post must be there exactly once (each
 * is fetched once and never edited, so it has exactly one revision). Written by one reader thread,
 * read by others. Pure.
 */
public final class DeliveryLedger {

  /** What a record of posts.clean was. */
  public enum Seen {
    /** The first record of a post of that batch. */
    FIRST_OF_STAGES, FIRST_OF_PIPELINE,
    /** Another record of a post already seen. */
    DUPLICATE,
    /** A key that is not the id of a generated post. */
    UNEXPECTED
  }

  /**
   * The check of one batch.
   *
   * @param missing posts never seen
   * @param duplicated posts seen more than once
   */
  public record Check(Batch batch, int expected, int missing, int duplicated, long unexpected) {
    public boolean exactlyOnce() {
      return missing == 0 && duplicated == 0 && unexpected == 0;
    }

    public String describe() {
      String what = batch == Batch.STAGES ? "streams stage" : "pipeline";
      return exactlyOnce()
          ? String.format(Locale.ROOT, "%s: all %,d posts exactly once in posts.clean", what, expected)
          : String.format(Locale.ROOT, "%s: %,d of %,d posts missing from posts.clean, %,d duplicated%s", what, missing, expected,
              duplicated, unexpected > 0 ? String.format(Locale.ROOT, ", %,d records with unknown ids", unexpected) : "");
    }
  }

  private final BenchFeeds feeds;
  private final Map<String, Integer> postByKey;
  private final AtomicIntegerArray counts;
  private final AtomicLong unexpected = new AtomicLong();
  private final AtomicInteger[] distinct = {new AtomicInteger(), new AtomicInteger()};

  public DeliveryLedger(BenchFeeds feeds) {
    this.feeds = feeds;
    this.postByKey = new HashMap<>(feeds.postCount() * 2);
    for (int post = 0; post < feeds.postCount(); post++) {
      postByKey.put(feeds.postId(post), post);
    }
    this.counts = new AtomicIntegerArray(feeds.postCount());
  }

  /** Records one record of posts.clean by its key. */
  public Seen record(String key) {
    Integer post = key == null ? null : postByKey.get(key);
    if (post == null) {
      unexpected.incrementAndGet();
      return Seen.UNEXPECTED;
    }
    if (counts.incrementAndGet(post) > 1) {
      return Seen.DUPLICATE;
    }
    Batch batch = feeds.batchOfPost(post);
    distinct[batch.ordinal()].incrementAndGet();
    return batch == Batch.STAGES ? Seen.FIRST_OF_STAGES : Seen.FIRST_OF_PIPELINE;
  }

  /** Distinct posts of the batch seen so far. */
  public int distinct(Batch batch) {
    return distinct[batch.ordinal()].get();
  }

  public Check check(Batch batch) {
    int first = batch.ordinal() * feeds.postsPerBatch();
    int missing = 0;
    int duplicated = 0;
    for (int post = first; post < first + feeds.postsPerBatch(); post++) {
      int n = counts.get(post);
      if (n == 0) {
        missing++;
      } else if (n > 1) {
        duplicated++;
      }
    }
    return new Check(batch, feeds.postsPerBatch(), missing, duplicated, unexpected.get());
  }
}
