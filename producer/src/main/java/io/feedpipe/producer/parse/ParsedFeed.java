package io.feedpipe.producer.parse;

import java.util.List;
import java.util.Objects;

/**
 * A feed document as feedpipe sees it, free of Rome's and Jackson's types.
 *
 * @param title the feed's title; null when absent
 * @param language the language the feed declares (RSS {@code language}, Atom {@code xml:lang}, Dublin
 *     Core, JSON Feed {@code language}); null when absent
 * @param entries in document order
 * @param hints what the feed says about polling it (ttl, skipHours, sy:updatePeriod)
 * @param repairs what the lenient parser had to repair to read it, for the feed's status; empty
 *     for a well-formed document
 */
public record ParsedFeed(String title, String language, List<ParsedEntry> entries, FeedHints hints, List<String> repairs) {
  public ParsedFeed {
    entries = List.copyOf(entries);
    Objects.requireNonNull(hints, "hints");
    repairs = List.copyOf(repairs);
  }

  public ParsedFeed(String title, String language, List<ParsedEntry> entries) {
    this(title, language, entries, FeedHints.none(), List.of());
  }

  ParsedFeed withRepairs(List<String> notes) {
    return new ParsedFeed(title, language, entries, hints, notes);
  }
}
