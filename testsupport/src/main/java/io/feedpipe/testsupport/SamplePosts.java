package io.feedpipe.testsupport;

import io.feedpipe.schemas.CleanPost;
import java.time.Instant;
import java.util.List;

/** CleanPost values for tests, shared by the client, sinks and ops modules. */
public final class SamplePosts {
  private SamplePosts() {}

  public static CleanPost cleanPost(String postId, int revision) {
    String feedId = postId.contains(":") ? postId.substring(0, postId.indexOf(':')) : "test";
    return CleanPost.newBuilder()
        .setPostId(postId)
        .setRevision(revision)
        .setTitle("Post " + postId + " r" + revision)
        .setLink("https://example.org/" + postId)
        .setAuthors(List.of("Ada"))
        .setCategories(List.of("AI"))
        .setPublishedAt(Instant.parse("2026-11-01T10:00:00Z"))
        .setUpdatedAt(null)
        .setText("text of " + postId + " revision " + revision)
        .setHtml("<p>text of " + postId + " revision " + revision + "</p>")
        .setExcerpt("text of " + postId)
        .setWordCount(5)
        .setOutboundLinks(List.of())
        .setContentHash("hash-" + postId + "-" + revision)
        .setPreviousContentHash(revision > 1 ? "hash-" + postId + "-" + (revision - 1) : null)
        .setFeedId(feedId)
        .setFeedUrl("https://example.org/" + feedId + "/feed.xml")
        .setFirstSeenAt(Instant.parse("2026-11-01T10:05:00Z"))
        .setLastSeenAt(Instant.parse("2026-11-01T10:05:00Z").plusSeconds(60L * revision))
        .setFetchId("fetch-" + revision)
        .build();
  }
}
