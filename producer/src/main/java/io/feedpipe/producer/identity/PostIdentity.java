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
 * <p>With {@link IdentityStrategy#GUID} (the default):
 *
 * <ol>
 *   <li>{@code <feedId>:<guid>} when the entry has a GUID (the publisher's own id; most stable);
 *   <li>else {@code <feedId>:<normalized link>} (see {@link LinkNormalizer});
 *   <li>else {@code <feedId>:sha256:<hex of SHA-256(title + "\n" + published)>}, where a missing
 *       title is "" and published is ISO-8601 ({@link java.time.Instant#toString()}) or "".
 * </ol>
 *
 * <p>{@link IdentityStrategy#LINK} skips step 1; {@link IdentityStrategy#HASH} uses {@code
 * <feedId>:sha256:<hex of SHA-256(title + "\n" + normalized link + "\n" + published)>}.
 *
 * <p>The mapper bounds the result: a GUID or link that is too long or not clean text becomes
 * {@code <feedId>:sha256:<hex of SHA-256(the entry id)>} ({@link #hashed}).
 */
public final class PostIdentity {
  private PostIdentity() {}

  public static String of(String feedId, ParsedEntry entry) {
    return of(feedId, entry, IdentityStrategy.GUID);
  }

  public static String of(String feedId, ParsedEntry entry, IdentityStrategy strategy) {
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(strategy, "strategy");
    String title = entry.title() == null ? "" : entry.title();
    String published = entry.published() == null ? "" : entry.published().toString();
    boolean hasLink = entry.link() != null && !entry.link().isBlank();
    if (strategy == IdentityStrategy.HASH) {
      String link = hasLink ? LinkNormalizer.normalize(entry.link()) : "";
      return feedId + ":sha256:" + sha256Hex(title + "\n" + link + "\n" + published);
    }
    if (strategy == IdentityStrategy.GUID && entry.guid() != null && !entry.guid().isBlank()) {
      return feedId + ":" + entry.guid().strip();
    }
    if (hasLink) {
      return feedId + ":" + LinkNormalizer.normalize(entry.link());
    }
    return feedId + ":sha256:" + sha256Hex(title + "\n" + published);
  }

  /** {@code <feedId>:sha256:<hex of SHA-256(entryId)>}: a short, stable id for an entry id too long or too odd to be a key. */
  public static String hashed(String feedId, String entryId) {
    return feedId + ":sha256:" + sha256Hex(entryId);
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
