package io.feedpipe.producer.map;

import java.time.Instant;

/**
 * How long each value a feed controls may be once it is a {@code FetchedPost}. Feeds are written by
 * strangers: every value is bounded where it enters, and what is cut is noted in the record's
 * {@code repairs}. Lengths are in UTF-16 chars (Java's {@link String#length()}), except the entry
 * size, which is in bytes. Validated on construction; an error names the setting.
 *
 * @param titleChars a title longer than this is cut. Default 1,000: a headline, not an article
 * @param guidChars {@code entryGuid} longer than this is cut. Default 2,048
 * @param linkChars {@code link} and {@code baseUrl} longer than this are dropped (a cut URL points
 *     elsewhere). Default 4,096, above what browsers and CDNs commonly accept in practice
 * @param nameChars each author and category name longer than this is cut. Default 200
 * @param maxNames authors, and categories, beyond this many are dropped. Default 100 each
 * @param languageChars {@code language} longer than this is cut. Default 35, the longest BCP 47
 *     tag registries recommend supporting (RFC 5646 §4.4.1)
 * @param entryIdChars a GUID or link longer than this is not used as is in the post id: the id
 *     becomes {@code <feedId>:sha256:<hex>} of it instead (the record key stays short for Kafka and
 *     for every store keyed by it). Default 256
 * @param maxEntryBytes the budget of one record ({@code producer.max-entry-size}): content, then
 *     summary, are cut at a block boundary so the encoded record stays under it. Default 900 KiB
 *     (921,600 bytes), under the Kafka producer's default {@code max.request.size} (1 MiB) with room for the
 *     key, headers and batch overhead. At least {@link #MIN_ENTRY_BYTES}, which the other bounded
 *     fields can fill at worst
 * @param earliest dates before this are dropped. Default 1970-01-01: feeds older than the Unix
 *     epoch are mistakes (a zero or a two-digit year), not history
 * @param latest dates at or after this are dropped. Default 2200-01-01: far beyond scheduled
 *     posts, well inside what Avro timestamp-millis, JavaScript and PostgreSQL (year 294276) can hold
 */
public record FieldLimits(
    int titleChars,
    int guidChars,
    int linkChars,
    int nameChars,
    int maxNames,
    int languageChars,
    int entryIdChars,
    int maxEntryBytes,
    Instant earliest,
    Instant latest) {

  public static final int DEFAULT_MAX_ENTRY_BYTES = 900 * 1024;
  /** Room for every bounded field at its worst (3 UTF-8 bytes per char), with the HTML still getting some. */
  public static final int MIN_ENTRY_BYTES = 256 * 1024;

  public FieldLimits {
    positive("title-chars", titleChars);
    positive("guid-chars", guidChars);
    positive("link-chars", linkChars);
    positive("name-chars", nameChars);
    positive("max-names", maxNames);
    positive("language-chars", languageChars);
    if (entryIdChars < 71) {
      // Shorter than the hashed form itself ("sha256:" + 64 hex digits) would make hashing pointless.
      throw new IllegalArgumentException("entry-id-chars must be at least 71, was " + entryIdChars);
    }
    if (maxEntryBytes < MIN_ENTRY_BYTES) {
      throw new IllegalArgumentException(
          "max-entry-size must be at least " + MIN_ENTRY_BYTES + " bytes (room for the bounded fields at their worst), was " + maxEntryBytes);
    }
    if (earliest == null || latest == null || !earliest.isBefore(latest)) {
      throw new IllegalArgumentException("date range: earliest must be before latest, was " + earliest + ".." + latest);
    }
  }

  public static FieldLimits defaults() {
    return new FieldLimits(1_000, 2_048, 4_096, 200, 100, 35, 256, DEFAULT_MAX_ENTRY_BYTES, Instant.parse("1970-01-01T00:00:00Z"),
        Instant.parse("2200-01-01T00:00:00Z"));
  }

  /** These limits with another record budget ({@code producer.max-entry-size}). */
  public FieldLimits withMaxEntryBytes(int bytes) {
    return new FieldLimits(titleChars, guidChars, linkChars, nameChars, maxNames, languageChars, entryIdChars, bytes, earliest, latest);
  }

  private static void positive(String setting, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
    }
  }
}
