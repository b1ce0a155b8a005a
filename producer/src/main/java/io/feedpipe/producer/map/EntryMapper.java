package io.feedpipe.producer.map;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.identity.PostIdentity;
import io.feedpipe.producer.parse.ParsedEntry;
import io.feedpipe.producer.parse.ParsedFeed;
import io.feedpipe.schemas.FetchedPost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Turns parsed entries into {@link FetchedPost} records, exactly as the feed gave them. Pure. */
public final class EntryMapper {

  /** Every entry of the feed, in document order. */
  public List<FetchedPost> map(FeedSource feed, ParsedFeed parsed, Instant fetchedAt, String fetchId) {
    List<FetchedPost> posts = new ArrayList<>(parsed.entries().size());
    for (ParsedEntry entry : parsed.entries()) {
      posts.add(map(feed, parsed.language(), entry, fetchedAt, fetchId));
    }
    return posts;
  }

  /**
   * @param language the feed's declared language; null when none
   * @param fetchedAt when the fetch started; shared by the poll's status event
   * @param fetchId the poll's id; shared by the poll's status event
   */
  public FetchedPost map(FeedSource feed, String language, ParsedEntry entry, Instant fetchedAt, String fetchId) {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(fetchId, "fetchId");
    return FetchedPost.newBuilder()
        .setPostId(PostIdentity.of(feed.id(), entry))
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
        .build();
  }
}
