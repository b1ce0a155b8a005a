package io.feedpipe.app.reprocess;

import io.feedpipe.schemas.FetchedPost;
import java.time.Instant;
import java.util.Optional;

/**
 * Which records of posts.raw to judge again: those fetched in {@code [from, to)} (by record time,
 * which is the fetch time), of one feed when {@code feed} is given. Pure.
 *
 * @param feed a feed id ({@code lesswrong}) or the feed's URL as configured; empty: every feed
 * @param from the first record time included; empty: the oldest record still in posts.raw
 * @param to the first record time excluded; empty: posts.raw's end when the run starts
 */
public record RawSelection(Optional<String> feed, Optional<Instant> from, Optional<Instant> to) {

  public RawSelection {
    feed = feed.map(String::strip).filter(f -> !f.isEmpty());
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new IllegalArgumentException("--from " + from.get() + " is not before --to " + to.get() + ": the selection is empty");
    }
  }

  public static RawSelection all() {
    return new RawSelection(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether {@code post} belongs to the feed asked for (by id, or by URL). */
  public boolean accepts(FetchedPost post) {
    return feed.isEmpty() || feed.get().equals(post.getFeedId()) || feed.get().equals(post.getFeedUrl());
  }

  /** The selection in words, for the summary. */
  public String describe() {
    return "[" + from.map(Instant::toString).orElse("oldest") + ", " + to.map(Instant::toString).orElse("end") + ")"
        + feed.map(f -> " of feed " + f).orElse("");
  }
}
