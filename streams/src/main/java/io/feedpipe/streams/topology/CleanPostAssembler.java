package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.PostImage;
import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.PostLinks;
import io.feedpipe.streams.clean.Trackers;
import io.feedpipe.streams.enrich.PostLanguage;
import java.util.ArrayList;
import java.util.List;

/** Builds the CleanPost of one revision from the fetched entry, its cleaned content and its stored state. Pure. */
final class CleanPostAssembler {
  private CleanPostAssembler() {}

  /** Silent reading speed of adults for non-fiction (Brysbaert 2019: 238 wpm; 230 leaves room for figures). */
  static final int WORDS_PER_MINUTE = 230;

  static CleanPost assemble(FetchedPost fetched, String plainTitle, CleanedContent cleaned, String contentHash, PostState state,
      String previousContentHash, EditSummary edit, PostLanguage language) {
    List<String> repairs = new ArrayList<>(fetched.getRepairs());
    PostLinks.Checked link = checkedLink(fetched);
    if (link.note() != null) {
      repairs.add(link.note());
    }
    List<PostImage> images = new ArrayList<>(cleaned.images().size());
    int droppedImages = 0;
    for (CleanedContent.Image image : cleaned.images()) {
      String url = PostLinks.check("images", image.url(), null).url();
      if (url == null) {
        droppedImages++;
      } else {
        images.add(new PostImage(url, image.alt()));
      }
    }
    List<String> outboundLinks = new ArrayList<>(cleaned.outboundLinks().size());
    int droppedLinks = 0;
    for (String outbound : cleaned.outboundLinks()) {
      String url = PostLinks.check("outboundLinks", outbound, null).url();
      if (url == null) {
        droppedLinks++;
      } else {
        outboundLinks.add(url);
      }
    }
    if (droppedImages > 0) {
      repairs.add("images: " + droppedImages + " URL(s) not absolute http(s) with a host, dropped");
    }
    if (droppedLinks > 0) {
      repairs.add("outboundLinks: " + droppedLinks + " URL(s) not absolute http(s) with a host, dropped");
    }
    return CleanPost.newBuilder()
        .setPostId(fetched.getPostId())
        .setRevision(state.getRevision())
        .setTitle(plainTitle)
        .setLink(link.url() == null ? null : Trackers.stripParameters(link.url()))
        .setAuthors(fetched.getAuthors())
        .setCategories(fetched.getCategories())
        .setPublishedAt(fetched.getPublishedAt())
        .setUpdatedAt(fetched.getUpdatedAt())
        .setText(cleaned.text())
        .setHtml(cleaned.html())
        .setExcerpt(cleaned.excerpt())
        .setWordCount(cleaned.wordCount())
        .setOutboundLinks(outboundLinks)
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
        .setRepairs(repairs)
        .setTruncated(fetched.getTruncated())
        .setOriginalSize(fetched.getOriginalSize())
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

  /** The entry link, absolute and without tracking parameters (FeedBurner-style utm_* links); null when refused. */
  static String absoluteLink(FetchedPost fetched) {
    String url = checkedLink(fetched).url();
    return url == null ? null : Trackers.stripParameters(url);
  }

  /**
   * The entry link if it is (or resolves against the declared base or the feed URL to) an absolute
   * http(s) URL: readers put it in an href, so javascript:, data: and the like are dropped.
   */
  private static PostLinks.Checked checkedLink(FetchedPost fetched) {
    String base = fetched.getBaseUrl() != null ? fetched.getBaseUrl() : fetched.getFeedUrl();
    return PostLinks.check("link", fetched.getLink(), base);
  }
}
