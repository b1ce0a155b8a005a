package io.feedpipe.streams.clean;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;

/**
 * Cuts a post's sanitized HTML and plain text to a number of UTF-8 bytes, at a block boundary, so
 * that an oversize post is kept, shortened, rather than lost. Pure.
 *
 * <p>HTML is cut only in the output of {@link SafeHtmlWriter}: there every {@code <} opens a tag
 * and every {@code >} closes one (text and attribute values have them escaped), so a scan that
 * tracks open elements is exact without parsing. The cut is made just after the last block element
 * (paragraph, list item, heading, …) that ends within the budget, and the elements still open
 * there are closed, so the result is as well-formed as the input. Only when no block ends within
 * the budget is a text run cut, between characters (never inside an entity or a surrogate pair).
 *
 * <p>Text is cut at the last blank line (the block separator of {@link PlainTextBuilder}) within
 * the budget, else at the last line break or space, else between two characters.
 */
public final class ContentCutter {

  /** Elements whose end is a good place to stop reading: paragraphs, items, headings, tables. */
  private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
      "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "thead", "tbody", "tfoot", "figure", "figcaption", "section",
      "article", "aside", "header", "footer", "details", "summary", "iframe", "hr", "br", "img");

  /** Elements without an end tag (HTML's void elements). */
  private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
      "meta", "source", "track", "wbr");

  private ContentCutter() {}

  /** The UTF-8 size of {@code s}, counted without encoding it. */
  public static long utf8Length(CharSequence s) {
    long bytes = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      bytes += utf8Length(s.charAt(i));
    }
    return bytes;
  }

  /**
   * {@code html} (sanitized) if it fits in {@code maxBytes} UTF-8 bytes; else its longest prefix
   * ending after a block element, with the elements open there closed, that fits. Empty when not
   * even one character fits.
   */
  public static String cutHtml(String html, long maxBytes) {
    if (utf8Length(html) <= maxBytes) {
      return html;
    }
    Deque<String> open = new ArrayDeque<>();
    long bytes = 0; // UTF-8 bytes of html[0, i)
    long closing = 0; // bytes of the end tags that would close the open elements
    int bestBlock = -1;
    Deque<String> openAtBestBlock = null;
    int n = html.length();
    int i = 0;
    // bytes + closing never decreases (an end tag adds what it no longer needs to add), so the scan
    // stops at the first unit that would not fit: i and open are then the last place that does.
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          break; // not our writer's output past here: stop at the last good boundary
        }
        boolean isEnd = i + 1 < n && html.charAt(i + 1) == '/';
        String name = tagName(html, isEnd ? i + 2 : i + 1, end);
        boolean closes = isEnd && !open.isEmpty() && open.peek().equals(name);
        boolean opens = !isEnd && !VOID.contains(name);
        long size = end + 1 - i;
        long nextClosing = closing + (opens ? name.length() + 3 : 0) - (closes ? name.length() + 3 : 0);
        if (bytes + size + nextClosing > maxBytes) {
          break;
        }
        bytes += size;
        closing = nextClosing;
        i = end + 1;
        if (closes) {
          open.pop();
        } else if (opens) {
          open.push(name);
        }
        if ((closes || VOID.contains(name)) && BLOCKS.contains(name)) {
          bestBlock = i;
          openAtBestBlock = new ArrayDeque<>(open);
        }
        continue;
      }
      int next;
      if (c == '&') {
        int semicolon = html.indexOf(';', i);
        next = semicolon < 0 ? i + 1 : semicolon + 1; // an entity is one unit: never cut inside it
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(html.charAt(i + 1))) {
        next = i + 2;
      } else {
        next = i + 1;
      }
      long size = c == '&' ? next - i : utf8Length(html.subSequence(i, next));
      if (bytes + size + closing > maxBytes) {
        break;
      }
      bytes += size;
      i = next;
    }
    return bestBlock >= 0 ? closed(html.substring(0, bestBlock), openAtBestBlock) : closed(html.substring(0, i), open);
  }

  /**
   * {@code text} if it fits in {@code maxBytes} UTF-8 bytes; else its longest prefix that fits and
   * ends at a blank line, else at a line break or space, else between two characters.
   */
  public static String cutText(String text, long maxBytes) {
    if (utf8Length(text) <= maxBytes) {
      return text;
    }
    int fits = 0; // the longest prefix (in chars) that fits, never splitting a surrogate pair
    long bytes = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int size = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1)) ? 4 : utf8Length(c);
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      i += size == 4 ? 1 : 0;
      fits = i + 1;
    }
    int cut = text.lastIndexOf("\n\n", fits - 1);
    if (cut <= 0) {
      cut = Math.max(text.lastIndexOf('\n', fits - 1), text.lastIndexOf(' ', fits - 1));
    }
    if (cut <= 0) {
      cut = fits;
    }
    return text.substring(0, cut).stripTrailing();
  }

  private static String closed(String prefix, Deque<String> open) {
    StringBuilder sb = new StringBuilder(prefix);
    for (Iterator<String> it = open.iterator(); it.hasNext(); ) { // innermost first
      sb.append("</").append(it.next()).append('>');
    }
    return sb.toString();
  }

  private static String tagName(String html, int from, int end) {
    int i = from;
    while (i < end && Character.isLetterOrDigit(html.charAt(i))) {
      i++;
    }
    return html.substring(from, i);
  }

  private static int utf8Length(char c) {
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800 || Character.isSurrogate(c)) {
      return 2; // a surrogate pair is 4 bytes in all; a lone surrogate becomes one '?' byte at most
    }
    return 3;
  }
}
