package io.feedpipe.streams.enrich;

import java.util.Objects;

/**
 * A post's language and where it came from.
 *
 * @param tag lower-case language tag, e.g. {@code en} or {@code en-us}
 * @param source {@link #FEED} (the entry's or feed's own tag) or {@link #DETECTED} (from the text)
 */
public record PostLanguage(String tag, String source) {
  public static final String FEED = "feed";
  public static final String DETECTED = "detected";

  public PostLanguage {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(source, "source");
  }
}
