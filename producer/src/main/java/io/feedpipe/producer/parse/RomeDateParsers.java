package io.feedpipe.producer.parse;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.impl.Atom10Parser;
import com.rometools.rome.io.impl.DCModuleParser;
import com.rometools.rome.io.impl.RSS091NetscapeParser;
import com.rometools.rome.io.impl.RSS091UserlandParser;
import com.rometools.rome.io.impl.RSS092Parser;
import com.rometools.rome.io.impl.RSS093Parser;
import com.rometools.rome.io.impl.RSS094Parser;
import com.rometools.rome.io.impl.RSS20Parser;
import com.rometools.rome.io.impl.RSS20wNSParser;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;

/**
 * Rome's RSS 0.91–2.0, Atom 1.0 and Dublin Core parsers, changed in two things only: the dates they
 * read ({@code pubDate}, {@code lastBuildDate}, {@code expirationDate}, {@code updated}, {@code
 * published}, {@code dc:date}) are read by {@link FeedDates} — same result, a fraction of the cost;
 * and an RSS 0.92+ item description that is one piece of text is taken without Rome's copy of it.
 * Each parser takes its date elements out of the element for the time Rome's own method parses the
 * rest of it (so Rome's date parser never sees them), puts them back, and sets the dates where
 * Rome's method would have. Everything else — feed type detection, the other fields, modules,
 * foreign markup, the converters to {@code SyndFeed} — is Rome's.
 *
 * <p>Registered with Rome in {@code rome.properties} at the root of the producer's classpath, in
 * Rome's own order (the first parser whose {@code isMyType} accepts a document parses it); a
 * parser registered there for a feed type replaces Rome's. Rome's RSS 0.90, RSS 1.0 and Atom 0.3
 * parsers are kept as they are (RSS 0.90/1.0 carry dates only in {@code dc:date}; Atom 0.3 is
 * rare). Not API: public only because Rome instantiates them by reflection.
 */
public final class RomeDateParsers {
  private RomeDateParsers() {}

  public static final class RSS091Netscape extends RSS091NetscapeParser {
    @Override
    protected WireFeed parseChannel(Element rssRoot, Locale locale) {
      return channel(rssRoot, getRSSNamespace(), locale, () -> super.parseChannel(rssRoot, locale));
    }

    @Override
    protected Item parseItem(Element rssRoot, Element eItem, Locale locale) {
      return item(eItem, getRSSNamespace(), locale, ExpirationDate.NOT_READ, () -> super.parseItem(rssRoot, eItem, locale));
    }
  }

  public static final class RSS091Userland extends RSS091UserlandParser {
    @Override
    protected WireFeed parseChannel(Element rssRoot, Locale locale) {
      return channel(rssRoot, getRSSNamespace(), locale, () -> super.parseChannel(rssRoot, locale));
    }

    @Override
    protected Item parseItem(Element rssRoot, Element eItem, Locale locale) {
      return item(eItem, getRSSNamespace(), locale, ExpirationDate.NOT_READ, () -> super.parseItem(rssRoot, eItem, locale));
    }
  }

  public static final class RSS092 extends RSS092Parser {
    @Override
    protected Description parseItemDescription(Element rssRoot, Element eDesc) {
      return description(eDesc, () -> super.parseItemDescription(rssRoot, eDesc));
    }

    @Override
    protected WireFeed parseChannel(Element rssRoot, Locale locale) {
      return channel(rssRoot, getRSSNamespace(), locale, () -> super.parseChannel(rssRoot, locale));
    }

    @Override
    protected Item parseItem(Element rssRoot, Element eItem, Locale locale) {
      return item(eItem, getRSSNamespace(), locale, ExpirationDate.NOT_READ, () -> super.parseItem(rssRoot, eItem, locale));
    }
  }

  public static final class RSS093 extends RSS093Parser {
    @Override
    protected Description parseItemDescription(Element rssRoot, Element eDesc) {
      return description(eDesc, () -> super.parseItemDescription(rssRoot, eDesc));
    }

    @Override
    protected WireFeed parseChannel(Element rssRoot, Locale locale) {
      return channel(rssRoot, getRSSNamespace(), locale, () -> super.parseChannel(rssRoot, locale));
    }

    @Override
    protected Item parseItem(Element rssRoot, Element eItem, Locale locale) {
      return item(eItem, getRSSNamespace(), locale, ExpirationDate.READ, () -> super.parseItem(rssRoot, eItem, locale));
    }
  }

  public static final class RSS094 extends RSS094Parser {
    @Override
    protected Description parseItemDescription(Element rssRoot, Element eDesc) {
      return description(eDesc, () -> super.parseItemDescription(rssRoot, eDesc));
    }

    @Override
    protected WireFeed parseChannel(Element rssRoot, Locale locale) {
      return channel(rssRoot, getRSSNamespace(), locale, () -> super.parseChannel(rssRoot, locale));
    }

    @Override
    public Item parseItem(Element rssRoot, Element eItem, Locale locale) {
      return item(eItem, getRSSNamespace(), locale, ExpirationDate.DROPPED, () -> super.parseItem(rssRoot, eItem, locale));
    }
  }

  public static final class RSS20 extends RSS20Parser {
    @Override
    protected Description parseItemDescription(Element rssRoot, Element eDesc) {
      return description(eDesc, () -> super.parseItemDescription(rssRoot, eDesc));
    }

    @Override
    protected WireFeed parseChannel(Element rssRoot, Locale locale) {
      return channel(rssRoot, getRSSNamespace(), locale, () -> super.parseChannel(rssRoot, locale));
    }

    @Override
    public Item parseItem(Element rssRoot, Element eItem, Locale locale) {
      return item(eItem, getRSSNamespace(), locale, ExpirationDate.DROPPED, () -> super.parseItem(rssRoot, eItem, locale));
    }
  }

  public static final class RSS20wNS extends RSS20wNSParser {
    @Override
    protected Description parseItemDescription(Element rssRoot, Element eDesc) {
      return description(eDesc, () -> super.parseItemDescription(rssRoot, eDesc));
    }

    @Override
    protected WireFeed parseChannel(Element rssRoot, Locale locale) {
      return channel(rssRoot, getRSSNamespace(), locale, () -> super.parseChannel(rssRoot, locale));
    }

    @Override
    public Item parseItem(Element rssRoot, Element eItem, Locale locale) {
      return item(eItem, getRSSNamespace(), locale, ExpirationDate.DROPPED, () -> super.parseItem(rssRoot, eItem, locale));
    }
  }

  public static final class Atom10 extends Atom10Parser {
    @Override
    protected WireFeed parseFeed(Element eFeed, Locale locale) throws FeedException {
      try (HeldDates held = HeldDates.take(eFeed, getAtomNamespace(), "updated")) {
        WireFeed feed = super.parseFeed(eFeed, locale);
        if (held.has("updated") && feed instanceof Feed atom) {
          atom.setUpdated(held.first("updated", locale));
        }
        return feed;
      }
    }

    @Override
    protected Entry parseEntry(Feed feed, Element eEntry, String baseURI, Locale locale) {
      try (HeldDates held = HeldDates.take(eEntry, getAtomNamespace(), "updated", "published")) {
        Entry entry = super.parseEntry(feed, eEntry, baseURI, locale);
        if (held.has("updated")) {
          entry.setUpdated(held.first("updated", locale));
        }
        if (held.has("published")) {
          entry.setPublished(held.first("published", locale));
        }
        return entry;
      }
    }
  }

  /** {@code dc:date}, which RSS 1.0 feeds date their items with (and many RSS 2.0 feeds too). */
  public static final class DublinCore extends DCModuleParser {
    private static final Namespace DC = Namespace.getNamespace(DCModule.URI);

    @Override
    public Module parse(Element dcRoot, Locale locale) {
      try (HeldDates held = HeldDates.take(dcRoot, DC, "date")) {
        Module module = super.parse(dcRoot, locale);
        if (!held.has("date")) {
          return module;
        }
        // Rome's parser returns no module when it finds no DC element; dc:date alone is one.
        DCModule dc = module != null ? (DCModule) module : new DCModuleImpl();
        dc.setDates(held.all("date", locale));
        return dc;
      }
    }
  }

  /** What an RSS version's item parser does with {@code expirationDate}. */
  private enum ExpirationDate {
    /** RSS 0.91/0.92: not read at all (left in place). */
    NOT_READ,
    /** RSS 0.93: read. */
    READ,
    /** RSS 0.94/2.0: read by the 0.93 parser, then set to null by the 0.94 one. */
    DROPPED
  }

  private interface Parse<T> {
    T run() throws FeedException;
  }

  private static WireFeed channel(Element rssRoot, Namespace rss, Locale locale, Parse<WireFeed> parse) {
    Element eChannel = rssRoot.getChild("channel", rss);
    if (eChannel == null) {
      return unchecked(parse);
    }
    try (HeldDates held = HeldDates.take(eChannel, rss, "pubDate", "lastBuildDate")) {
      WireFeed feed = unchecked(parse);
      if (feed instanceof Channel channel) {
        if (held.has("pubDate")) {
          channel.setPubDate(held.first("pubDate", locale));
        }
        if (held.has("lastBuildDate")) {
          channel.setLastBuildDate(held.first("lastBuildDate", locale));
        }
      }
      return feed;
    }
  }

  private static Item item(Element eItem, Namespace rss, Locale locale, ExpirationDate expiration, Parse<Item> parse) {
    String[] names = expiration == ExpirationDate.NOT_READ ? new String[] {"pubDate"} : new String[] {"pubDate", "expirationDate"};
    try (HeldDates held = HeldDates.take(eItem, rss, names)) {
      Item item = unchecked(parse);
      if (held.has("pubDate")) {
        item.setPubDate(held.first("pubDate", locale));
      }
      if (expiration == ExpirationDate.READ && held.has("expirationDate")) {
        item.setExpirationDate(held.first("expirationDate", locale));
      }
      return item;
    }
  }

  /**
   * An item's description as Rome's RSS 0.92+ parsers read it (its text, {@code type} attribute or
   * text/html), taken as it is when it is one piece of text (nearly always): Rome appends every
   * piece to a StringBuilder, a copy of each post's HTML, and another for the string. Anything else
   * (markup inside, several pieces, nothing) is left to Rome.
   */
  private static Description description(Element eDesc, Supplier<Description> rome) {
    if (eDesc.getContentSize() != 1 || !(eDesc.getContent(0) instanceof Text text)) { // CDATA is a Text too
      return rome.get();
    }
    Description description = new Description();
    description.setValue(text.getValue());
    String type = eDesc.getAttributeValue("type");
    description.setType(type == null ? "text/html" : type);
    return description;
  }

  private static <T> T unchecked(Parse<T> parse) {
    try {
      return parse.run();
    } catch (FeedException e) {
      throw new IllegalStateException(e); // the RSS parse methods declare no checked exception
    }
  }

  /**
   * Date elements taken out of a parent element (all children of the given names in the given
   * namespace, as Rome's {@code getChild}/{@code getChildren} would find them) until {@link
   * #close()} puts them back where they were.
   */
  static final class HeldDates implements AutoCloseable {
    private static final HeldDates NONE = new HeldDates(null, List.of(), new int[0]);

    private final Element parent;
    private final List<Element> elements; // in document order
    private final int[] positions; // their indexes in the parent's content before they were taken

    private HeldDates(Element parent, List<Element> elements, int[] positions) {
      this.parent = parent;
      this.elements = elements;
      this.positions = positions;
    }

    static HeldDates take(Element parent, Namespace namespace, String... names) {
      List<Content> content = parent.getContent();
      List<Element> found = null;
      int[] positions = null;
      for (int i = 0; i < content.size(); i++) {
        if (content.get(i) instanceof Element e && namespace.equals(e.getNamespace()) && isOneOf(e.getName(), names)) {
          if (found == null) {
            found = new ArrayList<>(2);
            positions = new int[4];
          } else if (found.size() == positions.length) {
            positions = java.util.Arrays.copyOf(positions, positions.length * 2);
          }
          positions[found.size()] = i;
          found.add(e);
        }
      }
      if (found == null) {
        return NONE;
      }
      for (int k = found.size() - 1; k >= 0; k--) {
        parent.removeContent(positions[k]);
      }
      return new HeldDates(parent, found, positions);
    }

    boolean has(String name) {
      for (Element e : elements) {
        if (e.getName().equals(name)) {
          return true;
        }
      }
      return false;
    }

    /** The date of the first element of that name (Rome reads the first); call only when {@link #has}. */
    Date first(String name, Locale locale) {
      for (Element e : elements) {
        if (e.getName().equals(name)) {
          return FeedDates.parse(e.getText(), locale);
        }
      }
      throw new IllegalStateException("no " + name);
    }

    /** The dates of every element of that name, in document order (nulls where unparsable, as Rome). */
    List<Date> all(String name, Locale locale) {
      List<Date> dates = new ArrayList<>();
      for (Element e : elements) {
        if (e.getName().equals(name)) {
          dates.add(FeedDates.parse(e.getText(), locale));
        }
      }
      return dates;
    }

    @Override
    public void close() {
      for (int k = 0; k < elements.size(); k++) {
        parent.addContent(positions[k], elements.get(k));
      }
    }

    private static boolean isOneOf(String name, String[] names) {
      for (String n : names) {
        if (n.equals(name)) {
          return true;
        }
      }
      return false;
    }
  }
}
