package io.feedpipe.streams.enrich;

import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A post's language: the tag the entry or its feed declares, else detected from the text.
 *
 * <p>Detection uses Optimaize's language-detector (n-gram profiles of 70 languages, built into its
 * jar, no network), on the title and the start of the text. Its cost grows with the sample, and it
 * was the Streams stage's largest cost (more than cleaning: ~0.5 ms a post with 3,000 characters
 * and the large-text filters). 1,000 characters (some 170 words) decide every LessWrong post and the
 * other-language samples of the tests as the whole text does; and the text is already clean (no
 * markup; URLs are not inlined), so the large-text filters, regular expressions over the sample,
 * are not needed: ~0.1 ms. Text too short or too mixed to be sure of gives no language rather than
 * a guess.
 *
 * <p>Thread-safe; the profiles take a while to load and some memory, so one instance is shared.
 */
public final class LanguageDetector {

  /** Enough text to be sure; more only costs time. */
  static final int SAMPLE_CHARS = 1000;

  /** Below this many letters a detection is a guess. */
  static final int MIN_LETTERS = 40;

  private static final Pattern TAG = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8})*");

  private static volatile LanguageDetector shared;

  private final com.optimaize.langdetect.LanguageDetector detector;
  private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();

  private LanguageDetector(com.optimaize.langdetect.LanguageDetector detector) {
    this.detector = detector;
  }

  /** The one detector of this JVM, loaded on first use. */
  public static LanguageDetector shared() {
    LanguageDetector d = shared;
    if (d == null) {
      synchronized (LanguageDetector.class) {
        d = shared;
        if (d == null) {
          d = shared = load();
        }
      }
    }
    return d;
  }

  private static LanguageDetector load() {
    try {
      return new LanguageDetector(LanguageDetectorBuilder.create(NgramExtractors.standard())
          .withProfiles(new LanguageProfileReader().readAllBuiltIn())
          .build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the language profiles bundled with language-detector", e);
    }
  }

  /**
   * @param declared the entry's or feed's language tag as fetched (may be null, blank or junk)
   * @return the declared tag when it is one, else the detected language, else null
   */
  public PostLanguage of(String declared, String title, String text) {
    String tag = normalize(declared);
    if (tag != null) {
      return new PostLanguage(tag, PostLanguage.FEED);
    }
    String detected = detect(title, text);
    return detected == null ? null : new PostLanguage(detected, PostLanguage.DETECTED);
  }

  /** The detected ISO 639-1 code (e.g. {@code en}), or null when the text does not tell. */
  public String detect(String title, String text) {
    if (!enoughLetters(title, text)) {
      return null;
    }
    StringBuilder sample = new StringBuilder(SAMPLE_CHARS + 200);
    if (title != null) {
      sample.append(title).append(". ");
    }
    if (text != null) {
      sample.append(text, 0, Math.min(text.length(), SAMPLE_CHARS));
    }
    com.google.common.base.Optional<LdLocale> locale = detector.detect(texts.forText(sample));
    return locale.isPresent() ? locale.get().getLanguage().toLowerCase(Locale.ROOT) : null;
  }

  /**
   * Whether the sample {@link #detect} would read (the title, then the text's first {@link
   * #SAMPLE_CHARS} characters) has {@link #MIN_LETTERS} letters: without them it answers null.
   */
  static boolean enoughLetters(String title, String text) {
    int letters = title == null ? 0 : letters(title, title.length(), 0);
    return (text == null ? letters : letters(text, Math.min(text.length(), SAMPLE_CHARS), letters)) >= MIN_LETTERS;
  }

  /** {@code letters} plus the letters among the first {@code end} chars of {@code s}, counted up to {@link #MIN_LETTERS}. */
  private static int letters(String s, int end, int letters) {
    for (int i = 0; i < end && letters < MIN_LETTERS; i++) {
      if (Character.isLetter(s.charAt(i))) {
        letters++;
      }
    }
    return letters;
  }

  /** A declared tag in lower case with '-' separators ({@code en_US} → {@code en-us}); null if none. */
  static String normalize(String declared) {
    if (declared == null) {
      return null;
    }
    String tag = declared.strip();
    if (!TAG.matcher(tag).matches()) {
      return null;
    }
    return tag.replace('_', '-').toLowerCase(Locale.ROOT);
  }
}
