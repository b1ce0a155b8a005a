package io.feedpipe.producer.identity;

import io.feedpipe.producer.parse.ParsedEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, per fetch, how a feed's post ids are derived, falling back when its GUIDs are unusable.
 * Pure.
 *
 * <p>GUIDs are unusable when two different entries of one document share one (CMSs that put the
 * feed's URL or a constant in every {@code guid}): they would collapse distinct posts into one.
 * Entries merely missing a GUID are handled per entry (link, else hash) and do not move the feed.
 * Links are unusable when two entries share one too. The decision is sticky: a feed that fell back
 * stays there (its previous strategy is passed in), because switching back would change the ids of
 * posts already seen and make them look new.
 */
public final class IdentityDecider {
  private IdentityDecider() {}

  /**
   * @param strategy what to use from now on
   * @param reason why the feed is not on {@link IdentityStrategy#GUID}; null when it is
   * @param changed whether this fetch moved the feed to a lower strategy
   */
  public record Decision(IdentityStrategy strategy, String reason, boolean changed) {
    /** For the status: e.g. {@code LINK (GUIDs duplicated within the feed: "x" ×3)}. */
    public String describe() {
      return reason == null ? strategy.name() : strategy.name() + " (" + reason + ")";
    }
  }

  /**
   * @param previous the feed's strategy so far; null for a feed never fetched
   * @param previousReason why it was chosen; kept while the strategy stays
   */
  public static Decision decide(List<ParsedEntry> entries, IdentityStrategy previous, String previousReason) {
    Objects.requireNonNull(entries, "entries");
    IdentityStrategy current = previous == null ? IdentityStrategy.GUID : previous;
    IdentityStrategy decided = current;
    String reason = previous == null || previous == IdentityStrategy.GUID ? null : previousReason;
    if (decided == IdentityStrategy.GUID) {
      String dup = duplicate(entries, true);
      if (dup != null) {
        decided = IdentityStrategy.LINK;
        reason = "GUIDs duplicated within the feed: " + dup;
      }
    }
    if (decided == IdentityStrategy.LINK) {
      String dup = duplicate(entries, false);
      if (dup != null) {
        decided = IdentityStrategy.HASH;
        reason = (reason == null ? "" : reason + "; ") + "links duplicated within the feed: " + dup;
      }
    }
    return new Decision(decided, reason, decided != current);
  }

  /** A description of the first value two distinct entries share, or null. */
  private static String duplicate(List<ParsedEntry> entries, boolean guids) {
    Map<String, ParsedEntry> seen = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    String first = null;
    for (ParsedEntry entry : entries) {
      String key = guids ? entry.guid() : entry.link() == null ? null : LinkNormalizer.normalize(entry.link());
      if (key == null || key.isBlank()) {
        continue;
      }
      key = key.strip();
      ParsedEntry earlier = seen.putIfAbsent(key, entry);
      // The same entry listed twice is a repeat, not a collision.
      if (earlier != null && !sameEntry(earlier, entry)) {
        counts.merge(key, 1, Integer::sum);
        if (first == null) {
          first = key;
        }
      }
    }
    if (first == null) {
      return null;
    }
    String shown = first.length() > 80 ? first.substring(0, 80) + "…" : first;
    return "\"" + shown + "\" ×" + (counts.get(first) + 1);
  }

  private static boolean sameEntry(ParsedEntry a, ParsedEntry b) {
    return Objects.equals(a.title(), b.title()) && Objects.equals(a.link(), b.link()) && Objects.equals(a.published(), b.published());
  }
}
