package io.feedpipe.producer.parse;

import java.util.List;

/**
 * A feed document as feedpipe sees it, free of Rome's types.
 *
 * @param title the feed's title; null when absent
 * @param language the language the feed declares (RSS {@code language}, Atom {@code xml:lang}, Dublin
 *     Core); null when absent
 * @param entries in document order
 */
public record ParsedFeed(String title, String language, List<ParsedEntry> entries) {
  public ParsedFeed {
    entries = List.copyOf(entries);
  }
}
