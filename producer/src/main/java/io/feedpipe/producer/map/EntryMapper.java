package io.feedpipe.producer.map;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.identity.IdentityStrategy;
import io.feedpipe.producer.identity.PostIdentity;
import io.feedpipe.producer.parse.ParsedEntry;
import io.feedpipe.producer.parse.ParsedFeed;
import io.feedpipe.schemas.FetchedPost;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Turns parsed entries into {@link FetchedPost} records, exactly as the feed gave them. Pure. */
public final class EntryMapper {

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
    return FetchedPost.newBuilder()
        .setPostId(PostIdentity.of(feed.id(), entry, identity))
        .setFeedId(feed.id())
        .setFeedUrl(feed.url().toString())
        .setEntryGuid(entry.guid())
        .setLink(entry.link())
        .setTitle(entry.title())
        .setAuthors(entry.authors())
        .setCategories(entry.categories())
        .setPublishedAt(entry.published())
        .setUpdatedAt(entry.updated())
        .setContentHtml(entry.contentHtml())
        .setSummaryHtml(entry.summaryHtml())
        .setLanguage(language)
        .setFetchedAt(fetchedAt)
        .setFetchId(fetchId)
        .setBaseUrl(absoluteBase(feed, entry.xmlBase()))
        .build();
  }

  /**
   * The entry's declared base made absolute against the feed's URL: an http(s) URL, or null when
   * the feed declares none or declares something unusable (then links resolve against the entry
   * link or the feed URL downstream, as without a declaration).
   */
  static String absoluteBase(FeedSource feed, String xmlBase) {
    if (xmlBase == null || xmlBase.isBlank()) {
      return null;
    }
    try {
      URI resolved = feed.url().resolve(new URI(xmlBase.strip()));
      String scheme = resolved.getScheme();
      boolean http = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
      return http && resolved.getHost() != null ? resolved.toString() : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
