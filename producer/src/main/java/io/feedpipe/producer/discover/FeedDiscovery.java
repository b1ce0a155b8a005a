package io.feedpipe.producer.discover;

import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.fetch.FetchResult;
import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.parse.FeedParseException;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.parse.ParsedFeed;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the feed behind a URL: the URL itself when it is a feed, else the feeds a web page
 * announces with {@code <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">}
 * (the first that is a readable feed wins). Fetches through a {@link FeedFetcher}, so the same
 * network policy applies. Jsoup stays inside this class.
 */
public final class FeedDiscovery {
  private final FeedFetcher fetcher;
  private final FeedParser parser = new FeedParser();

  public FeedDiscovery(FeedFetcher fetcher) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  /**
   * @param url the feed's URL
   * @param title the feed's title; null when it has none
   * @param discoveredFrom the page it was found on; null when {@code url} was the feed itself
   */
  public record Found(URI url, String title, URI discoveredFrom) {}

  /** @throws IllegalArgumentException saying why no feed was found, naming the URL */
  public Found discover(URI url) {
    FetchResult result = fetcher.fetch(url, Validators.none());
    if (!(result instanceof FetchResult.Fetched page)) {
      throw new IllegalArgumentException(url + ": " + describe(result));
    }
    try {
      ParsedFeed feed = parser.parse(url.toString(), page.body(), page.contentType());
      return new Found(url, feed.title(), null);
    } catch (FeedParseException notAFeed) {
      if (notAFeed.refused()) {
        throw new IllegalArgumentException(notAFeed.getMessage(), notAFeed);
      }
      List<URI> candidates = alternates(page.body(), page.contentType(), url);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException(url + " is neither a feed nor a page announcing one (<link rel=\"alternate\" type=\"application/rss+xml\">)", notAFeed);
      }
      List<String> tried = new ArrayList<>();
      for (URI candidate : candidates) {
        FetchResult fetched = fetcher.fetch(candidate, Validators.none());
        if (fetched instanceof FetchResult.Fetched ok) {
          try {
            ParsedFeed feed = parser.parse(candidate.toString(), ok.body(), ok.contentType());
            return new Found(candidate, feed.title(), url);
          } catch (FeedParseException e) {
            tried.add(candidate + " (" + e.getMessage() + ")");
          }
        } else {
          tried.add(candidate + " (" + describe(fetched) + ")");
        }
      }
      throw new IllegalArgumentException(url + " announces feeds, but none could be read: " + String.join("; ", tried));
    }
  }

  /** The feed links a page announces, absolute, in page order. Pure. */
  public static List<URI> alternates(byte[] html, String contentType, URI base) {
    Charset charset = StandardCharsets.UTF_8;
    if (contentType != null) {
      int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
      if (i >= 0) {
        try {
          charset = Charset.forName(contentType.substring(i + 8).replace("\"", "").split(";")[0].strip());
        } catch (IllegalArgumentException e) {
          // keep UTF-8
        }
      }
    }
    Document doc = Jsoup.parse(new String(html, charset), base.toString());
    List<URI> found = new ArrayList<>();
    for (Element link : doc.select("link[rel~=(?i)\\balternate\\b][href]")) {
      String type = link.attr("type").toLowerCase(Locale.ROOT);
      if (type.contains("rss") || type.contains("atom") || type.contains("feed+json") || type.contains("rdf")) {
        try {
          URI uri = URI.create(link.absUrl("href"));
          if (!found.contains(uri)) {
            found.add(uri);
          }
        } catch (IllegalArgumentException e) {
          // an unusable href: skip
        }
      }
    }
    return found;
  }

  private static String describe(FetchResult result) {
    if (result instanceof FetchResult.Failed failed) {
      return failed.outcome() + ": " + failed.reason();
    }
    return "no content (HTTP 304)";
  }
}
