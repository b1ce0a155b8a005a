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

  /**
   * Text the caller has checked holds no character that needs escaping (no {@code & < >}, NUL or
   * no-break space, see {@link CharClass#ESCAPE}): one bulk copy.
   */
  void verbatim(String text) {
    out.append(text);
  }

  String build() {
    return out.toString();
  }

  /**
   * Looks for characters to escape with one table lookup each (a rarely taken, well-predicted
   * branch) and copies the runs between them in bulk. Text and attribute values get a loop each,
   * so that the text loop, the one that runs over whole posts, tests nothing but the table.
   */
  private void escape(char[] s, int from, int to, boolean inAttribute) {
    if (inAttribute) {
      escapeAttribute(s, from, to);
      return;
    }
    int runStart = from;
    for (int i = from; i < to; i++) {
      if ((CharClass.of(s[i]) & CharClass.ESCAPE) != 0) {
        out.append(s, runStart, i);
        out.append(replacement(s[i], false));
        runStart = i + 1;
      }
    }
    out.append(s, runStart, to);
  }

  private void escapeAttribute(char[] s, int from, int to) {
    int runStart = from;
    for (int i = from; i < to; i++) {
      char c = s[i];
      if ((CharClass.of(c) & CharClass.ESCAPE) != 0 || c == '"') {
        out.append(s, runStart, i);
        out.append(replacement(c, true));
        runStart = i + 1;
      }
    }
    out.append(s, runStart, to);
  }

  /** What a character that {@link CharClass#ESCAPE} marks (or a quote) is written as. */
  private static String replacement(char c, boolean inAttribute) {
    switch (c) {
      case '&':
        return "&amp;";
      case '<':
        return "&lt;";
      case '>':
        return "&gt;";
      case '"':
        return inAttribute ? "&quot;" : "\"";
      case '\u00A0':
        return "&nbsp;";
      default:
        return ""; // NUL: never valid in HTML
    }
  }
}
