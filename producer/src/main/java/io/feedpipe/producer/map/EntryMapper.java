package io.feedpipe.producer.map;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.identity.IdentityStrategy;
import io.feedpipe.producer.identity.PostIdentity;
import io.feedpipe.producer.parse.ParsedEntry;
import io.feedpipe.producer.parse.ParsedFeed;
import io.feedpipe.schemas.FetchedPost;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns parsed entries into {@link FetchedPost} records: values as the feed gave them, except where
 * a value is unsafe or unbounded. Such a value is repaired or bounded here, where it enters (see
 * {@link ValueRepair}, {@link FieldLimits}), and the record says so in {@code repairs}: one bad
 * value costs that value, never the entry or the feed. Content, then summary, are cut at a block
 * boundary when the record would exceed its budget ({@code truncated}, {@code originalSize}). Pure.
 */
public final class EntryMapper {
  // Avro's per-record overhead beyond the strings (varint lengths, union branches, longs, array
  // counts) and the single-object header, with room for the truncation note: generous on purpose.
  private static final int FIXED_OVERHEAD = 1_024;
  private static final int PER_STRING_OVERHEAD = 6;

  private final FieldLimits limits;

  public EntryMapper(FieldLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Default limits ({@link FieldLimits#defaults()}). */
  public EntryMapper() {
    this(FieldLimits.defaults());
  }

  public FieldLimits limits() {
    return limits;
  }

  /** Every entry of the feed, in document order. */
  public List<FetchedPost> map(FeedSource feed, ParsedFeed parsed, Instant fetchedAt, String fetchId) {
    return map(feed, parsed, parsed.entries().size(), IdentityStrategy.GUID, fetchedAt, fetchId);
  }

  /**
   * The first {@code maxEntries} entries of the feed, in document order, with post ids derived by
   * {@code identity}. Feeds list their newest entries first, so the limit keeps the newest.
   */
  public List<FetchedPost> map(FeedSource feed, ParsedFeed parsed, int maxEntries, IdentityStrategy identity, Instant fetchedAt, String fetchId) {
    int n = Math.min(maxEntries, parsed.entries().size());
    List<FetchedPost> posts = new ArrayList<>(n);
    for (ParsedEntry entry : parsed.entries().subList(0, n)) {
      posts.add(map(feed, parsed.language(), entry, identity, fetchedAt, fetchId));
    }
    return posts;
  }

  /**
   * @param language the feed's declared language; null when none
   * @param fetchedAt when the fetch started; shared by the poll's status event
   * @param fetchId the poll's id; shared by the poll's status event
   */
  public FetchedPost map(FeedSource feed, String language, ParsedEntry entry, Instant fetchedAt, String fetchId) {
    return map(feed, language, entry, IdentityStrategy.GUID, fetchedAt, fetchId);
  }

  private FetchedPost map(FeedSource feed, String language, ParsedEntry entry, IdentityStrategy identity, Instant fetchedAt, String fetchId) {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(fetchId, "fetchId");
    List<String> repairs = new ArrayList<>();
    String postId = postId(feed, entry, identity, repairs);
    String baseUrl = baseUrl(feed, entry.xmlBase(), repairs);
    URI linkBase = baseUrl != null ? URI.create(baseUrl) : httpOrNull(feed.url());
    FetchedPost post = FetchedPost.newBuilder()
        .setPostId(postId)
        .setFeedId(feed.id())
        .setFeedUrl(feed.url().toString())
        .setEntryGuid(ValueRepair.singleLine("entryGuid", entry.guid(), limits.guidChars(), repairs))
        .setLink(ValueRepair.httpUrl("link", entry.link(), linkBase, limits.linkChars(), repairs))
        .setTitle(ValueRepair.singleLine("title", entry.title(), limits.titleChars(), repairs))
        .setAuthors(ValueRepair.names("authors", entry.authors(), limits.nameChars(), limits.maxNames(), repairs))
        .setCategories(ValueRepair.names("categories", entry.categories(), limits.nameChars(), limits.maxNames(), repairs))
        .setPublishedAt(ValueRepair.date("publishedAt", entry.published(), limits.earliest(), limits.latest(), repairs))
        .setUpdatedAt(ValueRepair.date("updatedAt", entry.updated(), limits.earliest(), limits.latest(), repairs))
        .setContentHtml(ValueRepair.multiLine("contentHtml", entry.contentHtml(), repairs))
        .setSummaryHtml(ValueRepair.multiLine("summaryHtml", entry.summaryHtml(), repairs))
        .setLanguage(ValueRepair.singleLine("language", language, limits.languageChars(), repairs))
        .setFetchedAt(fetchedAt)
        .setFetchId(fetchId)
        .setBaseUrl(baseUrl)
        .setRepairs(repairs)
        .setTruncated(false)
        .setOriginalSize(null)
        .build();
    fitToBudget(post, repairs);
    return post;
  }

  /**
   * The post id, bounded: an entry id (GUID or link) longer than {@link FieldLimits#entryIdChars()}
   * or holding what a key must not (controls, invalid Unicode) is replaced by its SHA-256, so a
   * post id is at most {@code feedId} + 1 + {@code entryIdChars} chars. Computed from the entry as
   * the feed gave it, so ids of ordinary entries do not change.
   */
  private String postId(FeedSource feed, ParsedEntry entry, IdentityStrategy identity, List<String> repairs) {
    String id = PostIdentity.of(feed.id(), entry, identity);
    String entryId = id.substring(feed.id().length() + 1);
    if (entryId.length() > limits.entryIdChars()) {
      repairs.add("postId: entry id longer than " + limits.entryIdChars() + " characters (" + entryId.length() + "), hashed");
      return PostIdentity.hashed(feed.id(), entryId);
    }
    if (!ValueRepair.isClean(entryId, false)) {
      repairs.add("postId: entry id holds control characters, noncharacters or invalid Unicode, hashed");
      return PostIdentity.hashed(feed.id(), entryId);
    }
    return id;
  }

  /** The declared base, absolute; a drop is noted (resolving a relative base is what it is for, not a repair). */
  private String baseUrl(FeedSource feed, String xmlBase, List<String> repairs) {
    if (xmlBase == null || xmlBase.isBlank()) {
      return null;
    }
    List<String> notes = new ArrayList<>();
    String base = ValueRepair.httpUrl("baseUrl", xmlBase, httpOrNull(feed.url()), limits.linkChars(), notes);
    notes.stream().filter(note -> !note.startsWith("baseUrl: relative, resolved")).forEach(repairs::add);
    return base;
  }

  /**
   * Cuts contentHtml, then summaryHtml, so the record (key included) stays within {@link
   * FieldLimits#maxEntryBytes()}. Sizes are UTF-8 bytes of every string plus a generous fixed
   * allowance, an upper bound of the Avro encoding.
   */
  private void fitToBudget(FetchedPost post, List<String> repairs) {
    // A UTF-16 char is at most 3 UTF-8 bytes: when that bound fits, the exact count is not needed
    // (every entry of an ordinary feed, at a fraction of the cost of counting).
    long contentBound = 3L * length(post.getContentHtml());
    long summaryBound = 3L * length(post.getSummaryHtml());
    if (contentBound + summaryBound + sizeBoundWithoutHtml(post) <= limits.maxEntryBytes()) {
      return;
    }
    long content = ValueRepair.utf8Bytes(post.getContentHtml());
    long summary = ValueRepair.utf8Bytes(post.getSummaryHtml());
    long htmlBudget = Math.max(0, limits.maxEntryBytes() - sizeWithoutHtml(post));
    if (content + summary <= htmlBudget) {
      return;
    }
    String cutContent = HtmlCut.toBytes(post.getContentHtml(), Math.max(0, htmlBudget - summary));
    long contentKept = ValueRepair.utf8Bytes(cutContent);
    String cutSummary = HtmlCut.toBytes(post.getSummaryHtml(), htmlBudget - contentKept);
    String why = " to fit producer.max-entry-size (" + limits.maxEntryBytes() + " bytes)";
    if (cutContent != null && !cutContent.equals(post.getContentHtml())) {
      repairs.add("contentHtml: cut to " + contentKept + " of " + content + " bytes" + why);
    }
    if (cutSummary != null && !cutSummary.equals(post.getSummaryHtml())) {
      repairs.add("summaryHtml: cut to " + ValueRepair.utf8Bytes(cutSummary) + " of " + summary + " bytes" + why);
    }
    post.setContentHtml(cutContent);
    post.setSummaryHtml(cutSummary);
    post.setRepairs(repairs);
    post.setTruncated(true);
    post.setOriginalSize(content + summary);
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  /** {@link #sizeWithoutHtml} bounded from above by 3 bytes a char, without reading the strings. */
  private static long sizeBoundWithoutHtml(FetchedPost post) {
    long chars = 2L * length(post.getPostId()) + length(post.getFeedId()) + length(post.getFeedUrl()) + length(post.getEntryGuid())
        + length(post.getLink()) + length(post.getTitle()) + length(post.getLanguage()) + length(post.getFetchId())
        + length(post.getBaseUrl());
    int count = 10 + post.getAuthors().size() + post.getCategories().size() + post.getRepairs().size();
    for (List<String> list : List.of(post.getAuthors(), post.getCategories(), post.getRepairs())) {
      for (String s : list) {
        chars += length(s);
      }
    }
    return FIXED_OVERHEAD + 3 * chars + (long) count * PER_STRING_OVERHEAD;
  }

  private static long sizeWithoutHtml(FetchedPost post) {
    List<String> strings = new ArrayList<>();
    strings.add(post.getPostId()); // the record key
    strings.add(post.getPostId());
    strings.add(post.getFeedId());
    strings.add(post.getFeedUrl());
    strings.add(post.getEntryGuid());
    strings.add(post.getLink());
    strings.add(post.getTitle());
    strings.add(post.getLanguage());
    strings.add(post.getFetchId());
    strings.add(post.getBaseUrl());
    strings.addAll(post.getAuthors());
    strings.addAll(post.getCategories());
    strings.addAll(post.getRepairs());
    long size = FIXED_OVERHEAD;
    for (String s : strings) {
      size += ValueRepair.utf8Bytes(s) + PER_STRING_OVERHEAD;
    }
    return size;
  }

  private static URI httpOrNull(URI url) {
    String scheme = url.getScheme();
    boolean http = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    return http ? url : null;
  }

  /**
   * The entry's declared base made absolute against the feed's URL: an http(s) URL, or null when
   * the feed declares none or declares something unusable (then links resolve against the entry
   * link or the feed URL downstream, as without a declaration).
   */
  static String absoluteBase(FeedSource feed, String xmlBase) {
    return new EntryMapper().baseUrl(feed, xmlBase, new ArrayList<>());
  }
}
