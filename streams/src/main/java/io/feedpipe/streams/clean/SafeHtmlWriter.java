package io.feedpipe.streams.clean;

/**
 * Writes sanitized HTML: only tags and attributes the traversal decided to keep, with text and
 * attribute values escaped so that no content can close a tag or an attribute.
 *
 * <p>Attribute values are always double-quoted and escape {@code <} and {@code >} too: not needed
 * by HTML, but it keeps any later regex- or string-based check of the output honest.
 */
final class SafeHtmlWriter {

  private final CharSink out;

  SafeHtmlWriter(int expectedLength) {
    out = new CharSink(expectedLength);
  }

  void openTag(String name) {
    out.append('<');
    out.append(name);
  }

  void attribute(String name, String value) {
    out.append(' ');
    out.append(name);
    out.append("=\"");
    char[] chars = value.toCharArray();
    escape(chars, 0, chars.length, true);
    out.append('"');
  }

  void endOpenTag() {
    out.append('>');
  }

  void closeTag(String name) {
    out.append("</");
    out.append(name);
    out.append('>');
  }

  void text(String text) {
    char[] chars = text.toCharArray();
    escape(chars, 0, chars.length, false);
  }

  /** {@code needsEscape} false (see {@link TextScan}) lets the text be copied in one piece. */
  void text(char[] chars, int from, int to, boolean needsEscape) {
    if (needsEscape) {
      escape(chars, from, to, false);
    } else {
      out.append(chars, from, to);
    }
  }

  String build() {
    return out.toString();
  }

  private void escape(char[] s, int from, int to, boolean inAttribute) {
    int runStart = from;
    for (int i = from; i < to; i++) {
      char c = s[i];
      if (c > '>' && c != '\u00A0') {
        continue; // letters and most punctuation: the common case, kept cheap
      }
      String replacement;
      switch (c) {
        case '&' -> replacement = "&amp;";
        case '<' -> replacement = "&lt;";
        case '>' -> replacement = "&gt;";
        case '"' -> replacement = inAttribute ? "&quot;" : null;
        case '\u00A0' -> replacement = "&nbsp;";
        case '\u0000' -> replacement = ""; // never valid in HTML
        default -> replacement = null;
      }
      if (replacement != null) {
        out.append(s, runStart, i);
        out.append(replacement);
        runStart = i + 1;
      }
    }
    out.append(s, runStart, to);
  }
}
