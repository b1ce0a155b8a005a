package io.feedpipe.bench.pipeline;

/**
 * How much of the batch the bench's warm-up copies and how often feedpipe's topology runs over the
 * copy: {@code requested} posts in all, out of the {@code available} posts.raw records the
 * producer stage wrote, in rounds of the copy (each a fresh app, so every post is new to it).
 *
 * @param copy records copied into the warm-up's posts.raw (at most the batch)
 * @param rounds runs of feedpipe's topology over the copy (at most {@link #MAX_ROUNDS})
 */
record WarmupPlan(int copy, int rounds) {
  /** More rounds only add time: on 2 cores the JIT is not done after three either (docs/results.md). */
  static final int MAX_ROUNDS = 10;

  static final WarmupPlan NONE = new WarmupPlan(0, 0);

  /** Enough rounds over at most {@code available} records to run {@code requested} posts, at most {@link #MAX_ROUNDS}. */
  static WarmupPlan of(int requested, int available) {
    if (requested < 0 || available < 0) {
      throw new IllegalArgumentException("requested and available must be ≥ 0, were " + requested + " and " + available);
    }
    int copy = Math.min(requested, available);
    if (copy == 0) {
      return NONE;
    }
    return new WarmupPlan(copy, (int) Math.min(MAX_ROUNDS, ((long) requested + copy - 1) / copy));
  }

  /** Posts that go through feedpipe's topology in all. */
  long posts() {
    return (long) copy * rounds;
  }

  boolean isNone() {
    return rounds == 0;
  }
}
