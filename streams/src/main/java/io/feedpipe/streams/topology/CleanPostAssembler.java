package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.PostImage;
import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.Trackers;
import io.feedpipe.streams.enrich.PostLanguage;
import java.util.ArrayList;
import java.util.List;
import java.net.URI;
import java.net.URISyntaxException;

/** Builds the CleanPost of one revision from the fetched entry, its cleaned content and its stored state. Pure. */
final class CleanPostAssembler {
  private CleanPostAssembler() {}

  /** Silent reading speed of adults for non-fiction (Brysbaert 2019: 238 wpm; 230 leaves room for figures). */
  static final int WORDS_PER_MINUTE = 230;

  static CleanPost assemble(FetchedPost fetched, String plainTitle, CleanedContent cleaned, String contentHash, PostState state,
      String previousContentHash, EditSummary edit, PostLanguage language) {
    List<PostImage> images = new ArrayList<>(cleaned.images().size());
    cleaned.images().forEach(i -> images.add(new PostImage(i.url(), i.alt())));
    return CleanPost.newBuilder()
        .setPostId(fetched.getPostId())
        .setRevision(state.getRevision())
        .setTitle(plainTitle)
        .setLink(absoluteLink(fetched))
        .setAuthors(fetched.getAuthors())
        .setCategories(fetched.getCategories())
        .setPublishedAt(fetched.getPublishedAt())
        .setUpdatedAt(fetched.getUpdatedAt())
        .setText(cleaned.text())
        .setHtml(cleaned.html())
        .setExcerpt(cleaned.excerpt())
        .setWordCount(cleaned.wordCount())
        .setOutboundLinks(cleaned.outboundLinks())
        .setContentHash(contentHash)
        .setPreviousContentHash(previousContentHash)
        .setFeedId(fetched.getFeedId())
        .setFeedUrl(fetched.getFeedUrl())
        .setFirstSeenAt(state.getFirstSeenAt())
        .setLastSeenAt(state.getLastSeenAt())
        .setFetchId(fetched.getFetchId())
        .setReadingTimeMinutes(readingTimeMinutes(cleaned.wordCount()))
        .setImages(images)
        .setLanguage(language == null ? null : language.tag())
        .setLanguageSource(language == null ? null : language.source())
        .setEdit(edit)
        .build();
  }

  /** The entry's content HTML, else its summary, else nothing. */
  static String bodyHtml(FetchedPost fetched) {
    if (fetched.getContentHtml() != null && !fetched.getContentHtml().isBlank()) {
      return fetched.getContentHtml();
    }
    return fetched.getSummaryHtml() == null ? "" : fetched.getSummaryHtml();
  }

  /**
   * The base against which relative URLs in the content resolve: the base the feed declares
   * (xml:base), else the entry link, else the feed URL.
   */
  static String baseUri(FetchedPost fetched) {
    if (fetched.getBaseUrl() != null) {
      return fetched.getBaseUrl();
    }
    String link = absoluteLink(fetched);
    return link != null ? link : fetched.getFeedUrl();
  }

  /** Whole minutes, rounded up: a 100-word note is a minute's read, not zero. */
  static int readingTimeMinutes(int words) {
    return (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
  }

  /** The entry link, absolute and without tracking parameters (FeedBurner-style utm_* links). */
  static String absoluteLink(FetchedPost fetched) {
    return Trackers.stripParameters(resolvedLink(fetched));
  }

  private static String resolvedLink(FetchedPost fetched) {
    String link = fetched.getLink();
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(link.strip());
      String base = fetched.getBaseUrl() != null ? fetched.getBaseUrl() : fetched.getFeedUrl();
      return uri.isAbsolute() ? uri.toString() : new URI(base).resolve(uri).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return link.strip(); // keep what the feed gave rather than lose it
    }
  }
}
