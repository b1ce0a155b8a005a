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

  /** Writes into {@code out}, which should be empty. */
  SafeHtmlWriter(CharSink out) {
    this.out = out;
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

  void text(char[] chars, int from, int to) {
    escape(chars, from, to, false);
  }

  String build() {
    return out.toString();
  }

  /**
   * Looks for characters to escape with one table lookup each (a rarely taken, well-predicted
   * branch) and copies the runs between them in bulk.
   */
  private void escape(char[] s, int from, int to, boolean inAttribute) {
    int runStart = from;
    for (int i = from; i < to; i++) {
      char c = s[i];
      if ((CharClass.of(c) & CharClass.ESCAPE) == 0 && (c != '"' || !inAttribute)) {
        continue; // the common case, and a well-predicted branch
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
