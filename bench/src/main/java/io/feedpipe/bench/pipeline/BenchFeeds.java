package io.feedpipe.bench.pipeline;

import java.util.stream.IntStream;

/**
 * Which local feed serves which generated posts, and the post ids the producer will give them.
 * Two batches of {@code postsPerBatch} distinct posts: the first feeds the producer stage and then
 * the Streams stage; the second, with other posts, the whole pipeline. Feed {@code f} of a batch
 * holds that batch's posts {@code f·K … f·K+K-1} (the last feed may hold fewer). Pure.
 */
public final class BenchFeeds {

  /** The two batches of posts a run uses. */
  public enum Batch {
    /** Fetched by the producer stage into posts.raw, then processed by the Streams stage. */
    STAGES("s"),
    /** Fetched and processed by the whole pipeline, the Streams app running. */
    PIPELINE("p");

    private final String tag;

    Batch(String tag) {
      this.tag = tag;
    }
  }

  private final int postsPerBatch;
  private final int postsPerFeed;
  private final int feedsPerBatch;

  public BenchFeeds(int postsPerBatch, int postsPerFeed) {
    if (postsPerBatch < 1 || postsPerFeed < 1) {
      throw new IllegalArgumentException("posts (" + postsPerBatch + ") and posts per feed (" + postsPerFeed + ") must be at least 1");
    }
    this.postsPerBatch = postsPerBatch;
    this.postsPerFeed = postsPerFeed;
    this.feedsPerBatch = (postsPerBatch + postsPerFeed - 1) / postsPerFeed;
  }

  public int postsPerBatch() {
    return postsPerBatch;
  }

  public int postsPerFeed() {
    return postsPerFeed;
  }

  public int feedsPerBatch() {
    return feedsPerBatch;
  }

  /** Feeds of both batches; feed numbers run 0 … feedCount()-1. */
  public int feedCount() {
    return 2 * feedsPerBatch;
  }

  public IntStream feeds(Batch batch) {
    int first = batch.ordinal() * feedsPerBatch;
    return IntStream.range(first, first + feedsPerBatch);
  }

  public Batch batchOfFeed(int feed) {
    return Batch.values()[checkFeed(feed) / feedsPerBatch];
  }

  public String feedId(int feed) {
    return "bench-" + batchOfFeed(feed).tag + "-" + (feed % feedsPerBatch);
  }

  /** The first post (index) of a feed. */
  public int firstPost(int feed) {
    return batchOfFeed(feed).ordinal() * postsPerBatch + (feed % feedsPerBatch) * postsPerFeed;
  }

  /** One past the last post (index) of a feed. */
  public int endPost(int feed) {
    int batchEnd = (batchOfFeed(feed).ordinal() + 1) * postsPerBatch;
    return Math.min(firstPost(feed) + postsPerFeed, batchEnd);
  }

  /** Posts of both batches; post indices run 0 … postCount()-1. */
  public int postCount() {
    return 2 * postsPerBatch;
  }

  public Batch batchOfPost(int post) {
    return Batch.values()[checkPost(post) / postsPerBatch];
  }

  public int feedOfPost(int post) {
    Batch batch = batchOfPost(post);
    return batch.ordinal() * feedsPerBatch + (post - batch.ordinal() * postsPerBatch) / postsPerFeed;
  }

  /** The id the producer gives a post: {@code <feedId>:<guid>} (see the producer's PostIdentity). */
  public String postId(int post) {
    return feedId(feedOfPost(post)) + ":" + BenchPosts.guid(post);
  }

  /** Whether a post id (a record key) is of one of the batch's feeds. */
  public boolean isPostOf(Batch batch, String postId) {
    return postId.startsWith("bench-" + batch.tag + "-");
  }

  private int checkFeed(int feed) {
    if (feed < 0 || feed >= feedCount()) {
      throw new IllegalArgumentException("feed " + feed + " out of range 0.." + (feedCount() - 1));
    }
    return feed;
  }

  private int checkPost(int post) {
    if (post < 0 || post >= postCount()) {
      throw new IllegalArgumentException("post " + post + " out of range 0.." + (postCount() - 1));
    }
    return post;
  }
}
