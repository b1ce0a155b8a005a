package io.feedpipe.sinks.postgres;

import io.feedpipe.schemas.CleanPost;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code posts} / {@code post_revisions}: a {@link CleanPost} and where it was read.
 * Pure mapping; the column order is {@link #COLUMNS}.
 */
public record PostRow(
    String postId,
    int revision,
    String feedId,
    String feedUrl,
    String title,
    String link,
    List<String> authors,
    List<String> categories,
    Instant publishedAt,
    Instant updatedAt,
    String text,
    String html,
    String excerpt,
    int wordCount,
    List<String> outboundLinks,
    String contentHash,
    String previousContentHash,
    Instant firstSeenAt,
    Instant lastSeenAt,
    String fetchId,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset) {

  public static final List<String> COLUMNS = List.of("post_id", "revision", "feed_id", "feed_url", "title", "link", "authors", "categories",
      "published_at", "updated_at", "text", "html", "excerpt", "word_count", "outbound_links", "content_hash", "previous_content_hash",
      "first_seen_at", "last_seen_at", "fetch_id", "source_topic", "source_partition", "source_offset");

  public static PostRow of(CleanPost post, String topic, int partition, long offset) {
    return new PostRow(post.getPostId(), post.getRevision(), post.getFeedId(), post.getFeedUrl(), post.getTitle(), post.getLink(),
        List.copyOf(post.getAuthors()), List.copyOf(post.getCategories()), post.getPublishedAt(), post.getUpdatedAt(), post.getText(),
        post.getHtml(), post.getExcerpt(), post.getWordCount(), List.copyOf(post.getOutboundLinks()), post.getContentHash(),
        post.getPreviousContentHash(), post.getFirstSeenAt(), post.getLastSeenAt(), post.getFetchId(), topic, partition, offset);
  }
}
