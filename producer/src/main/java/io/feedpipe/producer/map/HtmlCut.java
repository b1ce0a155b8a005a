package io.feedpipe.producer.map;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts HTML to a size in UTF-8 bytes where a reader will least notice: after the last block
 * element that fits ({@code </p>}, {@code </div>}, {@code </li>}, {@code </pre>}, {@code
 * </blockquote>}, {@code </h1>}…{@code </h6>}, {@code <br>}…), else at the last whitespace, else at
 * a character; never inside a tag, an entity or a surrogate pair. The cleaner downstream closes the
 * elements left open. Pure.
 */
public final class HtmlCut {
  private HtmlCut() {}

  private static final Pattern BLOCK_END = Pattern.compile(
      "</(?:p|div|li|ul|ol|dl|dd|dt|pre|blockquote|h[1-6]|table|tr|section|article|figure|header|footer|aside|nav)\\s*>|<br\\s*/?>|<hr\\s*/?>",
      Pattern.CASE_INSENSITIVE);

  // A block boundary this far back loses too much: fall back to a word boundary.
  private static final double MIN_BLOCK_FRACTION = 0.5;

  /** {@code html} when it fits in {@code maxBytes}; else its longest prefix that fits and ends at the best boundary. */
  public static String toBytes(String html, long maxBytes) {
    if (html == null || ValueRepair.utf8Bytes(html) <= maxBytes) {
      return html;
    }
    int end = fittingChars(html, maxBytes);
    String prefix = html.substring(0, end);
    int block = lastBlockEnd(prefix);
    if (block > 0 && block >= end * MIN_BLOCK_FRACTION) {
      return html.substring(0, block);
    }
    end = outsideMarkup(prefix, end);
    for (int i = end; i > 0 && i >= end * MIN_BLOCK_FRACTION; i--) {
      if (Character.isWhitespace(prefix.charAt(i - 1))) {
        return html.substring(0, i);
      }
    }
    return html.substring(0, end);
  }

  /** The most chars from the start whose UTF-8 encoding fits, never ending between a surrogate pair's halves. */
  static int fittingChars(String s, long maxBytes) {
    long bytes = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int width = 1;
      long size;
      if (c < 0x80) {
        size = 1;
      } else if (c < 0x800) {
        size = 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        size = 4;
        width = 2;
      } else if (Character.isSurrogate(c)) {
        size = 1;
      } else {
        size = 3;
      }
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      i += width;
    }
    return i;
  }

  private static int lastBlockEnd(String prefix) {
    Matcher m = BLOCK_END.matcher(prefix);
    int last = -1;
    while (m.find()) {
      last = m.end();
    }
    return last;
  }

  /** {@code end}, or the start of the tag or entity it falls inside. */
  private static int outsideMarkup(String prefix, int end) {
    int lt = prefix.lastIndexOf('<', end - 1);
    if (lt >= 0 && prefix.indexOf('>', lt) < 0) {
      end = lt; // inside a tag
    }
    int amp = prefix.lastIndexOf('&', end - 1);
    if (amp >= 0) {
      String tail = prefix.substring(amp + 1, end).toLowerCase(Locale.ROOT);
      if (tail.length() <= 32 && tail.matches("#?[a-z0-9]*")) {
        end = amp; // inside an entity, not yet closed by ';'
      }
    }
    return end;
  }
}
