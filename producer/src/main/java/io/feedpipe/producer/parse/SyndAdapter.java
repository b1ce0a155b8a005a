package io.feedpipe.producer.parse;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Adapts Rome's {@link SyndFeed} into feedpipe's {@link ParsedFeed}: the only place that knows
 * Rome's model and its quirks.
 */
final class SyndAdapter {
  private SyndAdapter() {}

  /** Needs a feed built with {@code setPreserveWireFeed(true)}: the GUID is read from the wire entry. */
  static ParsedFeed adapt(SyndFeed feed) {
    boolean atom = feed.getFeedType() != null && feed.getFeedType().startsWith("atom");
    List<String> feedAuthors = names(feed.getAuthors());
    String feedBase =
        feed.originalWireFeed() instanceof com.rometools.rome.feed.atom.Feed atomFeed ? blankToNull(atomFeed.getXmlBase()) : null;
    List<ParsedEntry> entries = new ArrayList<>(feed.getEntries().size());
    for (SyndEntry entry : feed.getEntries()) {
      entries.add(adapt(entry, feed.getFeedType(), atom, feedAuthors, feedBase));
    }
    return new ParsedFeed(blankToNull(feed.getTitle()), blankToNull(feed.getLanguage()), entries, hints(feed), List.of());
  }

  /** RSS ttl, skipHours and skipDays (from the wire channel) and the syndication module's update period. */
  static FeedHints hints(SyndFeed feed) {
    Duration ttl = null;
    Set<Integer> skipHours = new LinkedHashSet<>();
    Set<DayOfWeek> skipDays = new LinkedHashSet<>();
    if (feed.originalWireFeed() instanceof Channel channel) {
      if (channel.getTtl() > 0) {
        ttl = Duration.ofMinutes(channel.getTtl());
      }
      for (Integer hour : channel.getSkipHours()) {
        if (hour != null && hour >= 0 && hour <= 24) {
          skipHours.add(hour % 24); // RSS 0.91 counted 1–24
        }
      }
      for (String day : channel.getSkipDays()) {
        try {
          skipDays.add(DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
          // not a day name: ignored
        }
      }
    }
    String periodName = null;
    int frequency = 1;
    if (feed.getModule(SyModule.URI) instanceof SyModule sy && sy.getUpdatePeriod() != null) {
      periodName = sy.getUpdatePeriod();
      frequency = sy.getUpdateFrequency();
    } else if (feed.originalWireFeed() != null) {
      // Rome reads the syndication module for RSS 1.0 only; in RSS 2.0 and Atom it is foreign markup.
      for (org.jdom2.Element e : feed.originalWireFeed().getForeignMarkup()) {
        if (SyModule.URI.equals(e.getNamespaceURI()) && e.getName().equals("updatePeriod")) {
          periodName = e.getTextTrim();
        } else if (SyModule.URI.equals(e.getNamespaceURI()) && e.getName().equals("updateFrequency")) {
          try {
            frequency = Integer.parseInt(e.getTextTrim());
          } catch (NumberFormatException ignored) {
            frequency = 1;
          }
        }
      }
    }
    Duration updatePeriod = null;
    if (periodName != null) {
      Duration period = switch (periodName.strip().toLowerCase(Locale.ROOT)) {
        case "hourly" -> Duration.ofHours(1);
        case "daily" -> Duration.ofDays(1);
        case "weekly" -> Duration.ofDays(7);
        case "monthly" -> Duration.ofDays(30);
        case "yearly" -> Duration.ofDays(365);
        default -> null;
      };
      if (period != null) {
        updatePeriod = period.dividedBy(Math.max(1, frequency));
      }
    }
    return new FeedHints(ttl, skipHours, skipDays, updatePeriod);
  }

  private static ParsedEntry adapt(SyndEntry entry, String feedType, boolean atom, List<String> feedAuthors, String feedBase) {
    List<String> authors = authors(entry);
    if (authors.isEmpty() && atom) {
      authors = feedAuthors; // RFC 4287 §4.2.1: an Atom entry without author inherits the feed's
    }
    SyndContent firstContent = entry.getContents().isEmpty() ? null : entry.getContents().get(0);
    String description = valueOf(entry.getDescription());
    String content;
    String summary;
    if (firstContent != null) {
      content = valueOf(firstContent);
      summary = description;
    } else if (atom) {
      content = null; // Atom's summary is a summary, never the content
      summary = description;
    } else {
      content = description; // RSS without content:encoded: the description is the content
      summary = null;
    }
    return new ParsedEntry(
        guidOf(entry, feedType),
        blankToNull(entry.getLink()),
        entry.getTitle(),
        authors,
        categories(entry),
        instant(entry.getPublishedDate()),
        instant(entry.getUpdatedDate()),
        content,
        summary,
        xmlBaseOf(entry, feedBase));
  }

  /**
   * The entry's xml:base resolved against the feed's (Rome keeps both as written and applies
   * neither); either alone when only one is declared. May still be relative to the document's URL,
   * which only the caller knows. Rome reads xml:base for Atom only; RSS rarely declares one.
   */
  private static String xmlBaseOf(SyndEntry entry, String feedBase) {
    String entryBase = entry.getWireEntry() instanceof Entry atomEntry ? blankToNull(atomEntry.getXmlBase()) : null;
    if (entryBase == null || feedBase == null) {
      return entryBase != null ? entryBase.strip() : feedBase == null ? null : feedBase.strip();
    }
    try {
      return new java.net.URI(feedBase.strip()).resolve(new java.net.URI(entryBase.strip())).toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return entryBase.strip(); // the nearer declaration wins when the two cannot be combined
    }
  }

  /**
   * Rome's {@code SyndEntry.getUri()} falls back to the link when an RSS item has no guid (and
   * RSS 0.90 has no guid at all), which would hide that the feed gave no id. Read the wire entry.
   */
  private static String guidOf(SyndEntry entry, String feedType) {
    Object wire = entry.getWireEntry();
    if (wire instanceof Entry atomEntry) {
      return blankToNull(atomEntry.getId());
    }
    if (wire instanceof Item item) {
      if (item.getGuid() != null) {
        return blankToNull(item.getGuid().getValue());
      }
      // RSS 1.0 identifies items by rdf:about; Rome stores the link there when it is missing.
      if ("rss_1.0".equals(feedType) && item.getUri() != null && !item.getUri().equals(item.getLink())) {
        return blankToNull(item.getUri());
      }
      return null;
    }
    return blankToNull(entry.getUri());
  }

  private static List<String> authors(SyndEntry entry) {
    Set<String> names = new LinkedHashSet<>(names(entry.getAuthors())); // Atom authors
    if (entry.getModule(DCModule.URI) instanceof DCModule dc) {
      // RSS: dc:creator; Rome folds the item's <author> into the DC creators.
      dc.getCreators().stream().map(SyndAdapter::blankToNull).filter(Objects::nonNull).forEach(names::add);
    }
    return List.copyOf(names);
  }

  private static List<String> names(List<SyndPerson> persons) {
    List<String> names = new ArrayList<>();
    for (SyndPerson person : persons) {
      String name = blankToNull(person.getName());
      if (name == null) {
        name = blankToNull(person.getEmail());
      }
      if (name != null) {
        names.add(name.strip());
      }
    }
    return names;
  }

  private static List<String> categories(SyndEntry entry) {
    List<String> names = new ArrayList<>();
    for (SyndCategory category : entry.getCategories()) {
      String name = blankToNull(category.getName());
      if (name != null) {
        names.add(name.strip());
      }
    }
    return names;
  }

  private static String valueOf(SyndContent content) {
    return content == null ? null : content.getValue();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
