package io.feedpipe.bench.memory;

import io.feedpipe.schemas.FetchedPost;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Distinct synthetic posts for {@code bench-memory}: post {@code i} of a run is always the same
 * (seeded by the run's seed and {@code i}), has an id no other post of the run has, and reads like a
 * blog post: paragraphs, a heading, links, emphasis, a list, sometimes a quote or an image, about
 * {@code htmlSize} bytes of HTML over a vocabulary with a Zipf-like word frequency (so the dedupe
 * store's word sketch is as big as a real post's of that length). Every tenth title is a
 * {@code [Linkpost]} and every tenth (another) a {@code [Paper]}, so the default routes get posts; a
 * quarter of the feeds declare no language, so detection runs too.
 */
public final class SyntheticPosts {

  private static final int VOCABULARY = 4_000;
  private static final String[] SYLLABLES = {
    "al", "be", "ca", "do", "en", "fa", "gi", "ho", "in", "jo", "ka", "li", "mo", "ne", "or", "pa", "qui", "ra", "si", "to",
    "un", "ve", "wa", "xe", "yo", "za", "ter", "ment", "tion", "ing", "er", "est", "ly", "ous", "ble", "con", "pro", "re"
  };
  private static final List<String> COMMON = List.of(
      "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "was", "on", "be", "by", "this", "are", "we",
      "not", "or", "from", "but", "which", "have", "an", "they", "you", "at", "can", "more", "one", "all", "their", "there");

  private final long seed;
  private final int feeds;
  private final int htmlSize;
  private final Timeline timeline;
  private final String[] words;
  private final double[] cumulative;

  /**
   * @param feeds posts are spread round-robin over this many feeds
   * @param htmlSize approximate bytes of content HTML per post
   * @param timeline gives each post its fetch time
   */
  public SyntheticPosts(long seed, int feeds, int htmlSize, Timeline timeline) {
    if (feeds < 1) {
      throw new IllegalArgumentException("feeds must be at least 1, was " + feeds);
    }
    if (htmlSize < 200) {
      throw new IllegalArgumentException("htmlSize must be at least 200 bytes, was " + htmlSize);
    }
    this.seed = seed;
    this.feeds = feeds;
    this.htmlSize = htmlSize;
    this.timeline = timeline;
    this.words = vocabulary(new SplittableRandom(seed));
    this.cumulative = zipf(words.length);
  }

  public long count() {
    return timeline.posts();
  }

  /** The feed id of post {@code i}. */
  public String feedId(long i) {
    return String.format(Locale.ROOT, "bench-%05d", i % feeds);
  }

  /**
   * Post {@code i}'s id, as the producer builds it from a GUID ({@code <feedId>:<guid>}); distinct
   * for every {@code i} because the guid carries {@code i}.
   */
  public String postId(long i) {
    return feedId(i) + ":" + guid(i);
  }

  private String guid(long i) {
    return "https://blog-" + (i % feeds) + ".example.org/p/" + i;
  }

  public FetchedPost post(long i) {
    if (i < 0 || i >= timeline.posts()) {
      throw new IndexOutOfBoundsException("post " + i + " of " + timeline.posts());
    }
    SplittableRandom random = new SplittableRandom(seed * 31 + i);
    String feedId = feedId(i);
    int feed = (int) (i % feeds);
    String title = title(i, random);
    String link = guid(i) + "-" + slug(title);
    var fetchedAt = timeline.fetchedAt(i);
    return FetchedPost.newBuilder()
        .setPostId(postId(i))
        .setFeedId(feedId)
        .setFeedUrl("https://blog-" + feed + ".example.org/feed.xml")
        .setEntryGuid(guid(i))
        .setLink(link)
        .setTitle(title)
        .setAuthors(List.of(capitalized(word(random)) + " " + capitalized(word(random))))
        .setCategories(List.of(word(random), word(random)))
        .setPublishedAt(fetchedAt.minus(Duration.ofMinutes(random.nextInt(1, 600))))
        .setUpdatedAt(null)
        .setContentHtml(html(random, link))
        .setSummaryHtml(null)
        .setLanguage(feed % 4 == 3 ? null : "en")
        .setFetchedAt(fetchedAt)
        .setFetchId(feedId + "@" + fetchedAt.toEpochMilli())
        .build();
  }

  private String title(long i, SplittableRandom random) {
    StringBuilder title = new StringBuilder();
    if (i % 10 == 3) {
      title.append("[Linkpost] ");
    } else if (i % 10 == 7) {
      title.append("[Paper] ");
    }
    int n = random.nextInt(4, 10);
    for (int w = 0; w < n; w++) {
      String word = word(random);
      title.append(w == 0 ? capitalized(word) : word).append(w == n - 1 ? "" : " ");
    }
    return title.toString();
  }

  private String html(SplittableRandom random, String link) {
    StringBuilder html = new StringBuilder(htmlSize + 400);
    int paragraph = 0;
    while (html.length() < htmlSize) {
      if (paragraph == 2) {
        html.append("<h2>").append(capitalized(word(random))).append(' ').append(word(random)).append("</h2>\n");
      }
      if (paragraph == 3 && random.nextInt(3) == 0) {
        html.append("<blockquote><p>");
        sentence(html, random, link);
        html.append("</p></blockquote>\n");
      } else if (paragraph == 4 && random.nextInt(2) == 0) {
        html.append("<ul>");
        for (int item = random.nextInt(2, 5); item > 0; item--) {
          html.append("<li>");
          sentence(html, random, link);
          html.append("</li>");
        }
        html.append("</ul>\n");
      } else {
        html.append("<p>");
        for (int s = random.nextInt(2, 5); s > 0; s--) {
          sentence(html, random, link);
          html.append(' ');
        }
        if (random.nextInt(8) == 0) {
          html.append("<img src=\"https://cdn.example.org/i/").append(random.nextInt(1_000_000))
              .append(".png\" alt=\"").append(word(random)).append("\">");
        }
        html.append("</p>\n");
      }
      paragraph++;
    }
    return html.toString();
  }

  private void sentence(StringBuilder out, SplittableRandom random, String link) {
    int n = random.nextInt(6, 18);
    for (int w = 0; w < n; w++) {
      String word = word(random);
      if (w == 0) {
        out.append(capitalized(word));
      } else {
        out.append(' ');
        int markup = random.nextInt(40);
        if (markup == 0) {
          out.append("<a href=\"").append(link).append('#').append(word).append("\">").append(word).append("</a>");
        } else if (markup == 1) {
          out.append("<em>").append(word).append("</em>");
        } else if (markup == 2) {
          out.append("<code>").append(word).append("()</code>");
        } else {
          out.append(word);
        }
      }
    }
    out.append(random.nextInt(6) == 0 ? '?' : '.');
  }

  private String word(SplittableRandom random) {
    if (random.nextInt(3) == 0) {
      return COMMON.get(random.nextInt(COMMON.size()));
    }
    double u = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return words[lo];
  }

  private static String[] vocabulary(SplittableRandom random) {
    String[] words = new String[VOCABULARY];
    var seen = new java.util.HashSet<String>();
    for (int i = 0; i < VOCABULARY; ) {
      StringBuilder w = new StringBuilder();
      for (int s = random.nextInt(1, 4); s > 0; s--) {
        w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
      if (seen.add(w.toString())) {
        words[i++] = w.toString();
      }
    }
    return words;
  }

  /**
   * Cumulative probabilities of rank 1..n under a Zipf-Mandelbrot law (exponent 1, shift 10): a
   * long tail like Zipf's, with a flatter head because the commonest words come from {@link #COMMON}.
   */
  private static double[] zipf(int n) {
    double[] c = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / (k + 10);
      c[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      c[k] /= sum;
    }
    return c;
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String slug(String title) {
    String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return slug.length() > 40 ? slug.substring(0, 40) : slug;
  }
}
