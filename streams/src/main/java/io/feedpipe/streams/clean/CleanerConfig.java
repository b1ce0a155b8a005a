package io.feedpipe.streams.clean;

import java.util.List;
import java.util.Objects;

/**
 * How {@link HtmlCleaner} cleans entries.
 *
 * @param boilerplateRules feed boilerplate removed from both text and HTML before anything else,
 *     applied in order, each at most once per entry; add a rule when a feed wraps every entry in
 *     the same header or footer (see {@link BoilerplateRule}); rules match whole blocks, so a rule
 *     for one feed leaves other feeds' content alone
 * @param excerptMaxChars the most characters of text an excerpt keeps before its trailing "…";
 *     change it to what the consumers' previews show (300 suits a card or a notification)
 */
public record CleanerConfig(List<BoilerplateRule> boilerplateRules, int excerptMaxChars) {

  public static final int DEFAULT_EXCERPT_MAX_CHARS = 300;

  /** Below this an excerpt cannot hold a sentence, which is a configuration mistake. */
  public static final int MIN_EXCERPT_MAX_CHARS = 20;

  /** Above this an excerpt is no longer a preview; most posts would be copied whole. */
  public static final int MAX_EXCERPT_MAX_CHARS = 10_000;

  public CleanerConfig {
    Objects.requireNonNull(boilerplateRules, "boilerplateRules");
    boilerplateRules = List.copyOf(boilerplateRules);
    if (excerptMaxChars < MIN_EXCERPT_MAX_CHARS || excerptMaxChars > MAX_EXCERPT_MAX_CHARS) {
      throw new IllegalArgumentException("excerptMaxChars must be between " + MIN_EXCERPT_MAX_CHARS + " and "
          + MAX_EXCERPT_MAX_CHARS + ", was " + excerptMaxChars);
    }
  }

  /** LessWrong's boilerplate rules ({@link BoilerplateRule#lesswrong()}) and 300-char excerpts. */
  public static CleanerConfig defaults() {
    return new CleanerConfig(BoilerplateRule.lesswrong(), DEFAULT_EXCERPT_MAX_CHARS);
  }

  public CleanerConfig withBoilerplateRules(List<BoilerplateRule> rules) {
    return new CleanerConfig(rules, excerptMaxChars);
  }

  public CleanerConfig withExcerptMaxChars(int maxChars) {
    return new CleanerConfig(boilerplateRules, maxChars);
  }
}
