package io.feedpipe.app.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feeds built to break a careless pipeline. Each hostile entry's title carries a marker ({@code
 * Hostile#name}) that survives every repair, so a test can find what became of it.
 */
final class HostileFeeds {
  static final String OVERSIZE_POST = "Hostile#oversize-post";
  static final String OVERSIZE_ENTRY = "Hostile#oversize-entry";
  static final String RUNAWAY_REGEX = "Hostile#runaway-regex";
  static final String JAVASCRIPT_LINK = "Hostile#javascript-link";
  static final String TAB_JAVASCRIPT_LINK = "Hostile#tab-javascript-link";
  static final String DATA_LINK = "Hostile#data-link";
  static final String VBSCRIPT_LINK = "Hostile#vbscript-link";
  static final String MALFORMED_LINK = "Hostile#malformed-link";
  static final String DEEP_NESTING = "Hostile#deep-nesting";
  static final String HUGE_TITLE = "Hostile#huge-title";
  static final String HUGE_GUID = "Hostile#huge-guid";
  static final String SCRIPT_TITLE = "Hostile#script-title";
  static final String ABSURD_RSS_DATE = "Hostile#absurd-rss-date";
  static final String EMPTY_CONTENT = "Hostile#empty-content";
  static final String XSS_CONTENT = "Hostile#xss-content";
  static final String MANY_CATEGORIES = "Hostile#many-categories";
  static final String HUGE_AUTHOR = "Hostile#huge-author";
  static final String CSS_AS_CONTENT = "Hostile#css-as-content";
  static final String JSON_NUL_EVERYWHERE = "Hostile#json-nul-everywhere";
  static final String JSON_SURROGATES = "Hostile#json-surrogates";
  static final String JSON_ABSURD_DATE = "Hostile#json-absurd-date";
  static final String JSON_MANY_AUTHORS = "Hostile#json-many-authors";
  static final String JSON_HUGE_ID = "Hostile#json-huge-id";
  static final String JSON_SCRIPT_URL = "Hostile#json-script-url";
  static final String JSON_TERMINAL_ESCAPES = "Hostile#json-terminal-escapes";

  static final List<String> BAD_LINKS = List.of(JAVASCRIPT_LINK, TAB_JAVASCRIPT_LINK, DATA_LINK, VBSCRIPT_LINK, MALFORMED_LINK, JSON_SCRIPT_URL);

  static final List<String> MARKERS = List.of(OVERSIZE_POST, OVERSIZE_ENTRY, RUNAWAY_REGEX, JAVASCRIPT_LINK, TAB_JAVASCRIPT_LINK, DATA_LINK,
      VBSCRIPT_LINK, MALFORMED_LINK, DEEP_NESTING, HUGE_TITLE, HUGE_GUID, SCRIPT_TITLE, ABSURD_RSS_DATE, EMPTY_CONTENT, XSS_CONTENT,
      MANY_CATEGORIES, HUGE_AUTHOR, CSS_AS_CONTENT, JSON_NUL_EVERYWHERE, JSON_SURROGATES, JSON_ABSURD_DATE, JSON_MANY_AUTHORS, JSON_HUGE_ID,
      JSON_SCRIPT_URL, JSON_TERMINAL_ESCAPES);

  static final List<String> GOOD_JSON_TITLES = List.of("A good JSON post", "Another good JSON post", "A third good JSON post");

  static final int CATEGORY_COUNT = 5_000;
  static final int AUTHOR_COUNT = 5_000;

  private static final Pattern MARKER = Pattern.compile("Hostile#[a-z0-9-]+");

  private HostileFeeds() {}

  /** The marker in a title, or null for a post that is not one of the hostile entries. */
  static String marker(String title) {
    Matcher m = MARKER.matcher(title);
    return m.find() ? m.group() : null;
  }

  /**
   * The LessWrong feed with hostile items between its own: after the tenth item, and at the end, so
   * good and hostile posts share the feed's fetch and, by their ids, every partition.
   */
  static String rssWithHostileItems(String lessWrongFeed) {
    List<String> hostile = new ArrayList<>();
    hostile.add(item(OVERSIZE_POST, "https://example.org/oversize-post", paragraphs(850_000), ""));
    hostile.add(item(OVERSIZE_ENTRY, "https://example.org/oversize-entry", paragraphs(3_000_000), ""));
    hostile.add(item(RUNAWAY_REGEX, "https://example.org/runaway", "<p>" + "ab".repeat(60_000) + "</p>", ""));
    hostile.add(item(JAVASCRIPT_LINK, "javascript:alert(1)", "<p>Script link.</p>", ""));
    hostile.add(item(TAB_JAVASCRIPT_LINK, "java&#9;script:alert(document.domain)", "<p>Script link with a tab.</p>", ""));
    hostile.add(item(DATA_LINK, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "<p>Data link.</p>", ""));
    hostile.add(item(VBSCRIPT_LINK, " VBScript:msgbox(1)", "<p>VBScript link.</p>", ""));
    hostile.add(item(MALFORMED_LINK, "http://[::1", "<p>Malformed link.</p>", ""));
    hostile.add(item(DEEP_NESTING, "https://example.org/deep", "<div>".repeat(20_000) + "deep" + "</div>".repeat(20_000), ""));
    hostile.add(rawItem("<title><![CDATA[" + HUGE_TITLE + " " + "t".repeat(200_000) + "]]></title>", "hostile-huge-title",
        "https://example.org/huge-title", "<p>Huge title.</p>", ""));
    hostile.add(rawItem("<title>" + HUGE_GUID + "</title>", "hostile-huge-guid-" + "g".repeat(6_000), "https://example.org/huge-guid",
        "<p>Huge guid.</p>", ""));
    hostile.add(rawItem("<title><![CDATA[<script>alert(1)</script>" + SCRIPT_TITLE + " <b>bold</b>]]></title>", "hostile-script-title",
        "https://example.org/script-title", "<p>Script in the title.</p>", ""));
    hostile.add(item(ABSURD_RSS_DATE, "https://example.org/absurd-date", "<p>Absurd date.</p>",
        "<pubDate>Mon, 01 Jan 300000 00:00:00 GMT</pubDate>"));
    hostile.add(item(EMPTY_CONTENT, "https://example.org/empty", "", ""));
    hostile.add(item(XSS_CONTENT, "https://example.org/xss",
        "<p>XSS</p><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a><svg><script>alert(1)</script></svg>"
            + "<iframe src=\"javascript:alert(1)\"></iframe><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""));
    StringBuilder categories = new StringBuilder();
    for (int i = 0; i < CATEGORY_COUNT; i++) {
      categories.append("<category>category ").append(i).append("</category>");
    }
    hostile.add(item(MANY_CATEGORIES, "https://example.org/categories", "<p>Many categories.</p>", categories.toString()));
    hostile.add(item(HUGE_AUTHOR, "https://example.org/huge-author", "<p>Huge author.</p>",
        "<dc:creator><![CDATA[" + "author ".repeat(20_000) + "]]></dc:creator>"));
    hostile.add(item(CSS_AS_CONTENT, "https://example.org/css",
        "<style>.mjx-chtml {display: inline-block; line-height: 0}</style><p>Text after a style block.</p>"
            + "<div style=\"position:fixed;top:0\">overlay</div>", ""));

    int tenth = nthItemEnd(lessWrongFeed, 10);
    int channelEnd = lessWrongFeed.lastIndexOf("</channel>");
    int half = hostile.size() / 2;
    return lessWrongFeed.substring(0, tenth) + String.join("\n", hostile.subList(0, half)) + "\n"
        + lessWrongFeed.substring(tenth, channelEnd) + String.join("\n", hostile.subList(half, hostile.size())) + "\n"
        + lessWrongFeed.substring(channelEnd);
  }

  /** A JSON Feed with NULs, controls and unpaired surrogates in every string, and three good items. */
  static String jsonFeed() {
    List<String> items = new ArrayList<>();
    items.add(jsonItem("good-1", "\"" + GOOD_JSON_TITLES.get(0) + "\"", "\"https://example.org/good-1\"", "\"<p>Good content one.</p>\"",
        "[{\"name\": \"Ann\"}]", "[\"good\"]", "\"2025-12-08T10:00:00Z\""));
    items.add(jsonItem("hostile-nul-\\u0000-id", "\"" + JSON_NUL_EVERYWHERE + " nul\\u0000title\\u0001\\u007f\\u0085\"",
        "\"https://example.org/nul\\u0000path\"", "\"<p>a\\u0000b\\u0002c</p>\"",
        "[{\"name\": \"Ann\\u0000Nul\"}, {\"name\": \"\\u0000\"}]", "[\"t\\u0000ag\", \"\\u0001\\u0002ctl\", \"\\u0000\"]",
        "\"2025-12-08T11:00:00Z\""));
    items.add(jsonItem("hostile-surrogates", "\"" + JSON_SURROGATES + " lone \\ud800 high and \\udc00 low\"",
        "\"https://example.org/surrogates\"", "\"<p>lone \\ud800 surrogate \\udfff</p>\"", "[{\"name\": \"\\udbff\"}]",
        "[\"\\ud800\"]", "\"2025-12-08T12:00:00Z\""));
    items.add(jsonItem("good-2", "\"" + GOOD_JSON_TITLES.get(1) + "\"", "\"https://example.org/good-2\"", "\"<p>Good content two.</p>\"",
        "[{\"name\": \"Bo\"}]", "[]", "\"2025-12-08T13:00:00Z\""));
    items.add(jsonItem("hostile-absurd-date", "\"" + JSON_ABSURD_DATE + "\"", "\"https://example.org/year-300000\"",
        "\"<p>Far future.</p>\"", "[]", "[]", "\"+300000-01-01T00:00:00Z\""));
    StringBuilder authors = new StringBuilder("[");
    for (int i = 0; i < AUTHOR_COUNT; i++) {
      authors.append(i == 0 ? "" : ",").append("{\"name\": \"author ").append(i).append("\"}");
    }
    items.add(jsonItem("hostile-many-authors", "\"" + JSON_MANY_AUTHORS + "\"", "\"https://example.org/authors\"",
        "\"<p>Many authors.</p>\"", authors.append("]").toString(), "[]", "\"2025-12-08T14:00:00Z\""));
    items.add(jsonItem("hostile-huge-id-" + "i".repeat(6_000), "\"" + JSON_HUGE_ID + "\"", "\"https://example.org/huge-id\"",
        "\"<p>Huge id.</p>\"", "[]", "[]", "\"2025-12-08T15:00:00Z\""));
    items.add(jsonItem("hostile-script-url", "\"" + JSON_SCRIPT_URL + "\"", "\"javascript:alert(1)\"", "\"<p>Script URL.</p>\"", "[]",
        "[]", "\"2025-12-08T16:00:00Z\""));
    items.add(jsonItem("hostile-terminal-escapes", "\"" + JSON_TERMINAL_ESCAPES + " \\u001b[31mred\\u001b[0m \\u0007bell\"",
        "\"https://example.org/escapes\"", "\"<p>\\u001b]0;title\\u0007</p>\"", "[{\"name\": \"\\u001b[2J\"}]", "[]",
        "\"2025-12-08T17:00:00Z\""));
    items.add(jsonItem("good-3", "\"" + GOOD_JSON_TITLES.get(2) + "\"", "\"https://example.org/good-3\"", "\"<p>Good content three.</p>\"",
        "[{\"name\": \"Cy\"}]", "[\"good\"]", "\"2025-12-08T18:00:00Z\""));
    return "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Hostile JSON\", \"home_page_url\": \"https://example.org/\","
        + " \"items\": [\n" + String.join(",\n", items) + "\n]}\n";
  }

  /**
   * Index of the first character that has no place in a post's field, or -1: an unpaired surrogate,
   * a control character (tab, newline and carriage return allowed in multi-line fields), U+FFFE/U+FFFF.
   */
  static int firstBadChar(String value, boolean multiLine) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
        continue;
      }
      boolean allowed = multiLine && (c == '\n' || c == '\t' || c == '\r');
      if (Character.isSurrogate(c) || (Character.getType(c) == Character.CONTROL && !allowed) || c == '\uFFFE' || c == '\uFFFF') {
        return i;
      }
    }
    return -1;
  }

  private static String item(String marker, String link, String html, String extra) {
    return rawItem("<title><![CDATA[" + marker + "]]></title>", marker.substring("Hostile#".length()), link, html, extra);
  }

  private static String rawItem(String titleElement, String guid, String link, String html, String extra) {
    return "<item>\n" + titleElement + "\n<link>" + link + "</link>\n<guid isPermaLink=\"false\">" + guid + "</guid>\n"
        + "<description><![CDATA[" + html + "]]></description>\n" + extra + "\n</item>";
  }

  private static String jsonItem(String id, String titleJson, String urlJson, String htmlJson, String authorsJson, String tagsJson,
      String dateJson) {
    return "{\"id\": \"" + id + "\", \"title\": " + titleJson + ", \"url\": " + urlJson + ", \"content_html\": " + htmlJson
        + ", \"authors\": " + authorsJson + ", \"tags\": " + tagsJson + ", \"date_published\": " + dateJson + "}";
  }

  /** Paragraphs of prose adding up to about {@code bytes} bytes of HTML. */
  private static String paragraphs(int bytes) {
    String paragraph = "<p>Long-form posts carry inline images and data, and some of them run to hundreds of kilobytes of markup "
        + "that a pipeline must keep without letting one post stop the others. Number %d.</p>\n";
    StringBuilder sb = new StringBuilder(bytes + 256);
    for (int i = 0; sb.length() < bytes; i++) {
      sb.append(paragraph.formatted(i));
    }
    return sb.toString();
  }

  private static int nthItemEnd(String feed, int n) {
    int at = 0;
    for (int i = 0; i < n; i++) {
      at = feed.indexOf("</item>", at) + "</item>".length();
    }
    return at;
  }
}
