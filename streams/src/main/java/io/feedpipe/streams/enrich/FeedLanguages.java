package io.feedpipe.streams.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A post's language, detecting it once per feed rather than on every post: the posts of a feed
 * that declares no language are almost always in one language, and detection was the Streams
 * stage's largest cost per post (more than cleaning it).
 *
 * <p>Per feed: the first posts are detected; once {@value #LEARN_AFTER} detections in a row agree,
 * the feed's language is known and its later posts get it without a detection, except a
 * deterministic sample (one post id in {@value #RECHECK_EVERY}, by a hash of the id) that is still
 * detected, and whose own result it gets. A sampled post that disagrees sends the feed back to
 * learning; a feed that has disagreed with itself {@value #MIXED_AFTER} times is mixed-language and
 * every post of it is detected from then on. A post with too little text to tell gets no language,
 * as detection would give it, whatever its feed.
 *
 * <p>This is memory of one instance, not state: it is not in a store or a changelog, and it need not
 * be. It only saves work — a restart, a rebalance or an eviction costs {@value #LEARN_AFTER}
 * detections per feed again, nothing else — and what it answers is what detection answers for the
 * feed's posts. Where it can differ from detecting every post: a post in another language than its
 * feed, outside the sample, gets the feed's language; and a post the detector cannot decide on
 * (long enough but too mixed) gets its feed's. A declared tag is used as before, untouched by this.
 *
 * <p>Bounded: at most {@code capacity} feeds are remembered, the least recently seen evicted first
 * (an entry is some 150 bytes beside its feed id). Thread-safe: the stream threads of one Streams
 * app share one instance, so a feed is learnt once however its posts are partitioned; the lock is
 * held for a map lookup and update, never for a detection.
 */
public final class FeedLanguages {

  /** Agreeing detections in a row after which a feed's language is known. */
  static final int LEARN_AFTER = 3;

  /** One post id in this many is still detected once its feed's language is known. */
  static final int RECHECK_EVERY = 16;

  /** Disagreements after which a feed is treated as mixed-language: every post detected. */
  static final int MIXED_AFTER = 3;

  /** Feeds remembered by default: some 10 MB at most. */
  public static final int DEFAULT_CAPACITY = 50_000;

  /** Detects a language from a title and a text: null when they do not tell. */
  @FunctionalInterface
  interface Detection {
    String detect(String title, String text);
  }

  private final Detection detection;
  private final Map<String, Feed> feeds;

  /** What is known of one feed's language. */
  private static final class Feed {
    /** The last language detected; the feed's language once {@code agreeing >= LEARN_AFTER}. */
    String language;
    int agreeing;
    int disagreements;

    boolean known() {
      return agreeing >= LEARN_AFTER;
    }

    boolean mixed() {
      return disagreements >= MIXED_AFTER;
    }

    void learn(String detected) {
      if (detected.equals(language)) {
        agreeing++;
        return;
      }
      if (language != null) {
        disagreements++;
      }
      language = detected;
      agreeing = 1;
    }
  }

  /** Detecting with {@code detector}, remembering up to {@link #DEFAULT_CAPACITY} feeds. */
  public FeedLanguages(LanguageDetector detector) {
    this(detector::detect, DEFAULT_CAPACITY);
  }

  FeedLanguages(Detection detection, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1 feed, was " + capacity);
    }
    this.detection = Objects.requireNonNull(detection, "detection");
    this.feeds = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Feed> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * @param feedId the post's feed (null: the post is detected on its own)
   * @param postId the post's id, which decides whether it is in the re-checked sample
   * @param declared the entry's or feed's language tag as fetched (may be null, blank or junk)
   * @return the declared tag when it is one, else the feed's or the post's detected language, else null
   */
  public PostLanguage of(String feedId, String postId, String declared, String title, String text) {
    String tag = LanguageDetector.normalize(declared);
    if (tag != null) {
      return new PostLanguage(tag, PostLanguage.FEED);
    }
    String language = language(feedId, postId, title, text);
    return language == null ? null : new PostLanguage(language, PostLanguage.DETECTED);
  }

  private String language(String feedId, String postId, String title, String text) {
    if (!LanguageDetector.enoughLetters(title, text)) {
      return null; // as detection would answer, known feed or not
    }
    if (feedId == null) {
      return detection.detect(title, text);
    }
    synchronized (feeds) {
      Feed feed = feeds.get(feedId);
      if (feed != null && feed.known() && !feed.mixed() && !sampled(postId)) {
        return feed.language;
      }
    }
    String detected = detection.detect(title, text);
    if (detected != null) {
      synchronized (feeds) {
        feeds.computeIfAbsent(feedId, id -> new Feed()).learn(detected);
      }
    }
    return detected;
  }

  /** Whether {@code postId} is one of the posts detected even when its feed's language is known. */
  static boolean sampled(String postId) {
    if (postId == null) {
      return true;
    }
    int h = postId.hashCode() * 0x9E3779B9; // String.hashCode is specified, so the sample is the same in every JVM
    return Integer.remainderUnsigned(h ^ (h >>> 16), RECHECK_EVERY) == 0;
  }

  /** How many feeds are remembered. */
  int size() {
    synchronized (feeds) {
      return feeds.size();
    }
  }
}
