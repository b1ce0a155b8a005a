package io.feedpipe.producer.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into a {@link ParsedFeed}; the
 * only place that knows Jackson's tree. Pure and thread-safe.
 */
final class JsonFeedParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFeedParser() {}

  /** Whether the bytes look like JSON (first significant character '{'), whatever the Content-Type says. */
  static boolean looksLikeJson(byte[] body) {
    int i = 0;
    if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
      i = 3;
    }
    for (; i < body.length && i < 1024; i++) {
      byte b = body[i];
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        continue;
      }
      return b == '{';
    }
    return false;
  }

  static ParsedFeed parse(String feedName, byte[] body) throws FeedParseException {
    JsonNode root;
    try {
      root = JSON.readTree(body); // RFC 8259: JSON is UTF-8; Jackson also detects UTF-16/32 by the first bytes
    } catch (JsonProcessingException e) {
      throw new FeedParseException("feed " + feedName + " is not well-formed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new FeedParseException("feed " + feedName + ": cannot read the JSON: " + e.getMessage(), e);
    }
    String version = text(root, "version");
    if (root == null || !root.isObject() || version == null || !version.startsWith("https://jsonfeed.org/version/")) {
      throw new FeedParseException("feed " + feedName + " is JSON but not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")", null);
    }
    List<String> feedAuthors = authors(root);
    List<ParsedEntry> entries = new ArrayList<>();
    JsonNode items = root.get("items");
    if (items != null && items.isArray()) {
      for (JsonNode item : items) {
        if (!item.isObject()) {
          continue;
        }
        List<String> authors = authors(item);
        String html = text(item, "content_html");
        String plain = text(item, "content_text");
        entries.add(new ParsedEntry(
            text(item, "id"),
            firstNonNull(text(item, "url"), text(item, "external_url")),
            text(item, "title"),
            authors.isEmpty() ? feedAuthors : authors,
            tags(item),
            date(item, "date_published"),
            date(item, "date_modified"),
            html != null ? html : plain == null ? null : escapeAsHtml(plain),
            text(item, "summary")));
      }
    }
    return new ParsedFeed(text(root, "title"), text(root, "language"), entries);
  }

  private static List<String> authors(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    JsonNode list = node.get("authors"); // 1.1
    if (list != null && list.isArray()) {
      list.forEach(a -> addName(names, a));
    }
    addName(names, node.get("author")); // 1.0
    return List.copyOf(names);
  }

  private static void addName(Set<String> names, JsonNode author) {
    if (author != null && author.isObject()) {
      String name = text(author, "name");
      if (name != null) {
        names.add(name.strip());
      }
    }
  }

  private static List<String> tags(JsonNode item) {
    List<String> tags = new ArrayList<>();
    JsonNode list = item.get("tags");
    if (list != null && list.isArray()) {
      list.forEach(t -> {
        if (t.isValueNode() && !t.asText().isBlank()) {
          tags.add(t.asText().strip());
        }
      });
    }
    return tags;
  }

  private static Instant date(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant(); // RFC 3339
    } catch (DateTimeParseException e) {
      return null; // an unreadable date is no date, not a broken feed
    }
  }

  /** A string (or number: some feeds give numeric ids) field; null when absent or blank. */
  private static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value == null || !value.isValueNode() || value.isNull()) {
      return null;
    }
    String text = value.asText();
    return text.isBlank() ? null : text;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static String escapeAsHtml(String text) {
    return "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n\n", "</p><p>") + "</p>";
  }
}
