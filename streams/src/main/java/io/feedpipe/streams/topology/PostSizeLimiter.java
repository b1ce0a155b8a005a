package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.PostImage;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.streams.clean.ContentCutter;
import io.feedpipe.streams.wire.Utf8FormsSerdes;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Keeps a CleanPost within the record budget ({@code streams.max-post-size}): a post whose encoded
 * record would be larger has its html and text cut at a block boundary ({@link ContentCutter}),
 * each in proportion to its share of the two, and is marked {@code truncated} with its {@code
 * originalSize} and a note per field in {@code repairs}. A post that would not fit is kept,
 * shortened, rather than refused by the broker and lost.
 *
 * <p>Most posts are far below the budget: a bound on their size from string lengths (at most three
 * UTF-8 bytes per char) rules them out without encoding them.
 */
final class PostSizeLimiter {

  /** Room left for what a cut adds (end tags re-closed) and for the length prefixes of the fields. */
  static final int SLACK = 1024;

  /** Attempts to fit before giving up. */
  private static final int ATTEMPTS = 4;

  private final long maxPostSize;
  /** The sinks' encoding, with the kept UTF-8 forms of html and text (encoded once on the stream thread). */
  private final Serializer<CleanPost> serializer = Utf8FormsSerdes.serializer(CleanPost.class);

  PostSizeLimiter(long maxPostSize) {
    this.maxPostSize = maxPostSize;
  }

  /**
   * {@code post} if it fits the budget; else a copy with html and text cut to fit.
   *
   * @throws PostTooLargeException when even that does not fit: the rest of the post is too large
   */
  CleanPost fit(CleanPost post) {
    if (upperBound(post) <= maxPostSize) {
      return post;
    }
    long size = encodedSize(post);
    if (size <= maxPostSize) {
      return post;
    }
    long htmlBytes = ContentCutter.utf8Length(post.getHtml());
    long textBytes = ContentCutter.utf8Length(post.getText());
    long content = Math.max(1, htmlBytes + textBytes);
    long room = Math.max(0, content - (size - maxPostSize) - SLACK);
    CleanPost cut = post;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long htmlRoom = room * htmlBytes / content;
      cut = cut(post, htmlBytes, textBytes, htmlRoom, room - htmlRoom);
      long cutSize = encodedSize(cut);
      if (cutSize <= maxPostSize) {
        return cut;
      }
      room = Math.max(0, room - (cutSize - maxPostSize) - room / 16);
    }
    // Still too large (a huge title, thousands of links): not sent, since under exactly-once a
    // record the broker refuses aborts the whole transaction; the processing handler dead-letters it.
    throw new PostTooLargeException("post " + post.getPostId() + ": its CleanPost is " + encodedSize(cut)
        + " bytes even with html and text cut, over streams.max-post-size (" + maxPostSize + " bytes)");
  }

  private CleanPost cut(CleanPost post, long htmlBytes, long textBytes, long htmlRoom, long textRoom) {
    String html = ContentCutter.cutHtml(post.getHtml(), htmlRoom);
    String text = ContentCutter.cutText(post.getText(), textRoom);
    List<String> repairs = new ArrayList<>(post.getRepairs());
    String why = " at a block boundary to fit streams.max-post-size (" + maxPostSize + " bytes)";
    if (html.length() < post.getHtml().length()) {
      repairs.add("html: " + htmlBytes + " bytes cut to " + ContentCutter.utf8Length(html) + why);
    }
    if (text.length() < post.getText().length()) {
      repairs.add("text: " + textBytes + " bytes cut to " + ContentCutter.utf8Length(text) + why);
    }
    // The producer's originalSize, when it cut the entry already, is the size the feed gave.
    Long originalSize = post.getTruncated() && post.getOriginalSize() != null ? post.getOriginalSize() : htmlBytes + textBytes;
    return CleanPost.newBuilder(post).setHtml(html).setText(text).setRepairs(repairs).setTruncated(true)
        .setOriginalSize(originalSize).build();
  }

  long encodedSize(CleanPost post) {
    return serializer.serialize(FeedpipeTopics.CLEAN, post).length;
  }

  /** At least the encoded size: three bytes per char of every string, plus a few per field. */
  static long upperBound(CleanPost post) {
    long chars = length(post.getHtml()) + length(post.getText()) + length(post.getTitle()) + length(post.getExcerpt())
        + length(post.getLink()) + length(post.getPostId()) + length(post.getFeedId()) + length(post.getFeedUrl())
        + length(post.getFetchId()) + length(post.getContentHash()) + length(post.getPreviousContentHash())
        + length(post.getLanguage()) + length(post.getLanguageSource());
    long items = 0;
    for (List<? extends CharSequence> list : List.of(post.getAuthors(), post.getCategories(), post.getOutboundLinks(),
        post.getRepairs())) {
      for (CharSequence s : list) {
        chars += length(s);
        items++;
      }
    }
    for (PostImage image : post.getImages() == null ? List.<PostImage>of() : post.getImages()) {
      chars += length(image.getUrl()) + length(image.getAlt());
      items++;
    }
    long edit = post.getEdit() == null ? 0 : post.getEdit().toString().length() * 3L;
    return chars * 3 + items * 10 + edit + 4096;
  }

  private static long length(CharSequence s) {
    return s == null ? 0 : s.length();
  }
}
