package io.feedpipe.web;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.EditSummary;
import java.time.Instant;
import java.util.List;

/** CleanPost records for the unit tests. */
public final class Posts {
  private Posts() {}

  public static CleanPost post(String id, String feedId, String title, Instant published, String html, String text) {
    return CleanPost.newBuilder()
        .setPostId(id).setRevision(1).setTitle(title).setLink("https://blog.example/" + id)
        .setAuthors(List.of("Ada Lovelace")).setCategories(List.of("notes"))
        .setPublishedAt(published).setUpdatedAt(null)
        .setText(text).setHtml(html).setExcerpt(text.length() > 100 ? text.substring(0, 100) : text)
        .setWordCount(text.split("\\s+").length).setOutboundLinks(List.of())
        .setContentHash("h-" + id).setPreviousContentHash(null)
        .setFeedId(feedId).setFeedUrl("https://blog.example/" + feedId + ".xml")
        .setFirstSeenAt(published).setLastSeenAt(published).setFetchId("fetch-1")
        .setReadingTimeMinutes(1).setImages(List.of()).setLanguage("en").setLanguageSource("feed")
        .setEdit(null).setRepairs(List.of()).setTruncated(false).setOriginalSize(null)
        .build();
  }

  public static CleanPost post(String id, String feedId, String title, Instant published) {
    return post(id, feedId, title, published, "<p>Body of " + title + "</p>", "Body of " + title);
  }

  /** {@code post} as its next revision, with a new title and an edit summary. */
  public static CleanPost edited(CleanPost post, String newTitle, Instant seen) {
    return CleanPost.newBuilder(post).setRevision(post.getRevision() + 1).setTitle(newTitle)
        .setPreviousContentHash(post.getContentHash()).setContentHash(post.getContentHash() + "'").setLastSeenAt(seen)
        .setEdit(EditSummary.newBuilder().setTitleChanged(true).setPreviousTitle(post.getTitle()).setTextChanged(false)
            .setWordsAdded(0).setWordsRemoved(0).setSummary("title changed").build())
        .build();
  }
}
