package io.feedpipe.producer.identity;

import io.feedpipe.producer.parse.ParsedEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A post's id: stable across polls and across cosmetic changes of the feed, scoped by feed so two
 * feeds cannot collide. The record key of {@code posts.raw}, so one post's versions stay in order on
 * one partition. Pure.
 *
 * <ol>
 *   <li>{@code <feedId>:<guid>} when the entry has a GUID (the publisher's own id; most stable);
 *   <li>else {@code <feedId>:<normalized link>} (see {@link LinkNormalizer});
 *   <li>else {@code <feedId>:sha256:<hex of SHA-256(title + "\n" + published)>}, where a missing
 *       title is "" and published is ISO-8601 ({@link java.time.Instant#toString()}) or "".
 * </ol>
 */
public final class PostIdentity {
  private PostIdentity() {}

  public static String of(String feedId, ParsedEntry entry) {
    Objects.requireNonNull(feedId, "feedId");
    if (entry.guid() != null && !entry.guid().isBlank()) {
      return feedId + ":" + entry.guid().strip();
    }
    if (entry.link() != null && !entry.link().isBlank()) {
      return feedId + ":" + LinkNormalizer.normalize(entry.link());
    }
    String title = entry.title() == null ? "" : entry.title();
    String published = entry.published() == null ? "" : entry.published().toString();
    return feedId + ":sha256:" + sha256Hex(title + "\n" + published);
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
