package io.feedpipe.streams.dedupe;

import io.feedpipe.schemas.FetchedPost;

/**
 * A hash of an entry exactly as fetched (title, link, content and summary HTML). Most fetches are
 * repeats of entries already seen; when this hash matches the stored one the entry is a repeat and
 * is not cleaned again, which saves the Jsoup parse that dominates the Streams stage's cost.
 */
public final class SourceHash {
  private SourceHash() {}

  public static String of(FetchedPost post) {
    // A post read from posts.raw is hashed from the bytes its HTML was decoded from, not encoded again (Utf8Forms).
    return Sha256.hex(post.getTitle(), post.getLink(), post.getContentHtml(), post.getSummaryHtml());
  }
}
