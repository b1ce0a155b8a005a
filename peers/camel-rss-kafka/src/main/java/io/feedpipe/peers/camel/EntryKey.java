package io.feedpipe.peers.camel;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.util.List;

/**
 * The Kafka key of an entry: its link, else its guid (Rome's uri), so the benchmark can count
 * distinct entries in the topic as it does feedpipe's.
 */
final class EntryKey {

  private EntryKey() {}

  /**
   * With splitEntries=true, camel-rss hands the route a copy of the feed holding just the one
   * entry.
   */
  static String of(SyndFeed oneEntryFeed) {
    List<SyndEntry> entries = oneEntryFeed == null ? List.of() : oneEntryFeed.getEntries();
    if (entries.size() != 1) {
      throw new IllegalArgumentException("expected a feed of one entry, got " + entries.size());
    }
    SyndEntry entry = entries.get(0);
    String link = entry.getLink();
    if (link != null && !link.isBlank()) {
      return link;
    }
    String uri = entry.getUri();
    if (uri != null && !uri.isBlank()) {
      return uri;
    }
    throw new IllegalArgumentException("entry '" + entry.getTitle() + "' has neither a link nor a guid");
  }
}
