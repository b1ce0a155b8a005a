package io.feedpipe.streams.clean;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds plain text that keeps a document's shape while the tree is walked once.
 *
 * <p>Nothing is written eagerly: whitespace and line breaks are only <em>requested</em> and are
 * written when the next visible character arrives. That is what makes the output normalized by
 * construction (no leading, trailing or repeated spaces, never more than one blank line) without a
 * second pass over the text, and lets the prefix of a line ("> " for quotes, indentation and a "- "
 * or "1. " marker for list items) be decided when the line actually starts.
 */
final class PlainTextBuilder {

  /** A line break, then the next line; {@link #BLANK_LINE} leaves an empty line between. */
  private static final int NEW_LINE = 1;

  private static final int BLANK_LINE = 2;

  private final CharSink out;

  /** Open blockquotes and lists, outermost first: they make up each line's prefix. */
  private final List<Container> containers = new ArrayList<>();

  private int pendingBreaks;
  private boolean pendingSpace;
  private String pendingSeparator;

  /** Whitespace seen in preformatted text, written only if more text follows on the line. */
  private final StringBuilder pendingPreSpace = new StringBuilder();

  private boolean lineHasContent;
  private int quoteDepthOfLastLine;
  private int preDepth;

  /**
   * Words are counted as they are written (see {@link WordCounter} for the definition), saving a
   * pass over the text; {@code inWord} is 1 while the last character written is part of a word.
   */
  private int words;

  private int inWord;

  /**
   * Set when a low surrogate was written right after a high one written earlier: the halves of a
   * pair that arrived in different text nodes ({@code \uD840<b>\uDC00</b>}). Each half was counted
   * as the lone surrogate it looked like, but the finished text holds one character, maybe a
   * letter; only hostile input does this, so the words are then counted again over the text.
   */
  private boolean pairJoinedAcrossWrites;

  /** Writes into {@code out}, which should be empty. */
  PlainTextBuilder(CharSink out) {
    this.out = out;
  }

  /**
   * Text as the browser would render it: runs of whitespace become one space. The string is read in
   * place: text that needs no rewriting is copied once, straight from the string into the output.
   *
   * @return the {@link CharClass} bits of every character looked at, OR-ed together, so that a
   *     caller writing the same text elsewhere can skip its own scan: without {@link
   *     CharClass#ESCAPE} no character needs escaping in HTML. Preformatted text is not classified
   *     and answers {@code ESCAPE}.
   */
  int append(String text) {
    int n = text.length();
    if (preDepth > 0) {
      char[] chars = text.toCharArray();
      appendPreformatted(chars, 0, n);
      return CharClass.ESCAPE;
    }
    int seen = 0;
    int start = 0;
    while (start < n && (CharClass.of(text.charAt(start)) & CharClass.SPACE) != 0) {
      seen |= CharClass.of(text.charAt(start));
      start++;
    }
    if (start > 0) {
      pendingSpace = lineHasContent;
    }
    if (start == n) {
      return seen;
    }
    int end = n;
    while ((CharClass.of(text.charAt(end - 1)) & CharClass.SPACE) != 0) {
      seen |= CharClass.of(text.charAt(end - 1));
      end--; // stops at text[start] at the latest, which is not whitespace
    }
    startContent();
    seen |= writeCollapsed(text, start, end);
    if (end < n) {
      pendingSpace = true;
    }
    return seen;
  }

  /** A paragraph boundary: one blank line, or one line break inside a list item. */
  void blockBreak() {
    requestBreak(insideList() ? NEW_LINE : BLANK_LINE);
  }

  /** A boundary that needs a new line but no blank line (table rows, definition terms). */
  void lineBreak() {
    requestBreak(NEW_LINE);
  }

  /**
   * A {@code <br>}: unlike the other breaks these add up, so two of them leave a blank line, but
   * never more than one.
   */
  void hardBreak() {
    if (out.length() > 0) {
      pendingBreaks = Math.min(BLANK_LINE, pendingBreaks + 1);
      pendingSpace = false;
      pendingSeparator = null;
    }
  }

  /** Keeps table cells apart on their row. */
  void cellSeparator() {
    if (lineHasContent && pendingBreaks == 0) {
      pendingSeparator = " | ";
    }
  }

  void startBlockquote() {
    blockBreak();
    containers.add(Container.quote());
  }

  void endBlockquote() {
    removeInnermost(true);
    blockBreak();
  }

  /** {@code start} is the first number of an ordered list. */
  void startList(boolean ordered, int start) {
    blockBreak();
    containers.add(Container.list(ordered, start));
  }

  void endList() {
    removeInnermost(false);
    blockBreak();
  }

  /**
   * Starts a list item on its own line; its marker is written with the item's first character, so
   * an empty item leaves nothing behind. {@code value} overrides the number when not null.
   */
  void startListItem(Integer value) {
    lineBreak();
    Container list = innermostList();
    if (list == null) {
      return; // an <li> outside any list: a line of its own is all it gets
    }
    if (list.ordered) {
      int number = value != null ? value : list.nextNumber;
      list.nextNumber = number + 1;
      list.pendingMarker = number + ". ";
    } else {
      list.pendingMarker = "- ";
    }
  }

  void endListItem() {
    lineBreak();
    Container list = innermostList();
    if (list != null) {
      list.pendingMarker = null;
    }
  }

  void startPreformatted() {
    blockBreak();
    preDepth++;
  }

  void endPreformatted() {
    preDepth--;
    pendingPreSpace.setLength(0);
    blockBreak();
  }

  String build() {
    return out.toString();
  }

  /** Words in the text built so far, by {@link WordCounter}'s definition. */
  int wordCount() {
    if (pairJoinedAcrossWrites) {
      return WordCounter.count(out.reserve(0), 0, out.length());
    }
    return words;
  }

  private void appendPreformatted(char[] text, int from, int to) {
    // Code keeps its indentation and inner spacing; only trailing spaces go, as everywhere.
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (c == '\n') {
        pendingPreSpace.setLength(0);
        if (out.length() > 0) {
          pendingBreaks = Math.min(BLANK_LINE, pendingBreaks + 1);
        }
        lineHasContent = false;
        pendingSpace = false;
      } else if (c == ' ' || c == '\t' || c == '\u00A0') {
        pendingPreSpace.append(c == '\u00A0' ? ' ' : c);
      } else if (c < ' ') {
        continue; // \r and other controls
      } else {
        startContent();
        if (pendingPreSpace.length() > 0) {
          writeLiteral(pendingPreSpace.toString());
          pendingPreSpace.setLength(0);
        }
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text[i + 1])) {
          writePair(c, text[++i]); // a letter outside the BMP is a word, as WordCounter sees it
        } else {
          write(c);
        }
      }
    }
  }

  private void requestBreak(int breaks) {
    if (out.length() > 0 && pendingBreaks < breaks) {
      pendingBreaks = breaks;
    }
    pendingSpace = false;
    pendingSeparator = null;
  }

  /** Writes what the next visible character needs before it: breaks, a prefix, a space. */
  private void startContent() {
    if (pendingBreaks > 0 && out.length() > 0) {
      write('\n');
      if (pendingBreaks == BLANK_LINE) {
        // The blank line belongs to a quote only if the lines on both sides of it do.
        appendQuotePrefix(Math.min(quoteDepth(), quoteDepthOfLastLine));
        write('\n');
      }
      lineHasContent = false;
    }
    pendingBreaks = 0;
    if (!lineHasContent) {
      writeLinePrefix();
    } else if (pendingSeparator != null) {
      writeLiteral(pendingSeparator);
    } else if (pendingSpace) {
      write(' ');
    }
    pendingSpace = false;
    pendingSeparator = null;
    lineHasContent = true;
  }

  private void writeLinePrefix() {
    int quotes = 0;
    for (Container c : containers) {
      if (c.quote) {
        writeLiteral("> ");
        quotes++;
      } else if (c.pendingMarker != null) {
        writeLiteral(c.pendingMarker);
        c.markerWidth = c.pendingMarker.length();
        c.pendingMarker = null;
      } else if (c.markerWidth > 0) {
        // Continuation lines and nested lists line up under the item's text.
        out.repeat(' ', c.markerWidth);
        inWord = 0;
      }
    }
    quoteDepthOfLastLine = quotes;
  }

  /**
   * Copies {@code src[from, to)} with each run of whitespace as one plain space, counting words on
   * the way: the one pass over most of the text. Returns the {@link CharClass} bits of the
   * characters, OR-ed together.
   *
   * <p>Nearly all text needs no rewriting beyond turning a lone no-break space into a space, so a
   * read-only pass counts words and looks for runs of whitespace and rarer characters; such text is
   * then copied in bulk. Both loops are table-driven and branch-free per character (see {@link
   * CharClass}): with a test per character this work alone cost half a parse, and the read-only
   * pass plus a bulk copy costs about half of a loop that writes each character.
   */
  private int writeCollapsed(String src, int from, int to) {
    int seen = 0;
    int previousSpace = 0;
    int doubledSpace = 0;
    int inWord = this.inWord;
    int words = this.words;
    for (int i = from; i < to; i++) {
      int entry = CharClass.of(src.charAt(i));
      seen |= entry;
      int space = entry & CharClass.SPACE;
      doubledSpace |= space & previousSpace;
      previousSpace = space;
      int word = (entry >> CharClass.WORD_SHIFT) & 1;
      words += word & ~inWord;
      inWord = word;
    }
    if (doubledSpace != 0 || (seen & (CharClass.MARK | CharClass.SURROGATE)) != 0) {
      char[] chars = new char[to - from]; // rare: runs of whitespace, marks, surrogates
      src.getChars(from, to, chars, 0);
      writeRewritten(chars, 0, chars.length);
      return seen;
    }
    int start = out.length();
    out.append(src, from, to);
    if ((seen & CharClass.IRREGULAR_SPACE) != 0) {
      replaceLoneSpaces(out.reserve(0), start, out.length());
    }
    this.inWord = inWord;
    this.words = words;
    return seen;
  }

  /** Makes each whitespace character in {@code s[from, to)}, none next to another, a plain space. */
  private static void replaceLoneSpaces(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if ((CharClass.of(s[i]) & CharClass.IRREGULAR_SPACE) != 0) {
        s[i] = ' ';
      }
    }
  }

  /**
   * {@link #writeCollapsed} for text with runs of whitespace, combining marks or characters outside
   * the BMP: one character at a time, each written as itself or as a space, the write position only
   * advancing when it does not continue a run of whitespace.
   */
  private void writeRewritten(char[] src, int from, int to) {
    notePairJoin(src[from]);
    char[] dst = out.reserve(to - from);
    int write = out.length();
    int previousSpace = 0;
    int inWord = this.inWord;
    int words = this.words;
    for (int i = from; i < to; i++) {
      int entry = CharClass.of(src[i]);
      if ((entry & CharClass.SURROGATE) != 0
          && i + 1 < to
          && Character.isSurrogatePair(src[i], src[i + 1])) {
        int bits = CharClass.ofCodePoint(Character.toCodePoint(src[i], src[i + 1]));
        dst[write++] = src[i++];
        entry = (src[i] << CharClass.TEXT_CHAR_SHIFT) | bits;
      }
      if ((entry & CharClass.MARK) != 0) {
        entry = (entry & ~CharClass.WORD) | (inWord << CharClass.WORD_SHIFT); // continues a word
      }
      int space = entry & CharClass.SPACE;
      dst[write] = (char) (entry >>> CharClass.TEXT_CHAR_SHIFT);
      write += 1 - (space & previousSpace); // a space right after a space is overwritten
      previousSpace = space;
      int word = (entry >> CharClass.WORD_SHIFT) & 1;
      words += word & ~inWord;
      inWord = word;
    }
    out.setLength(write);
    this.inWord = inWord;
    this.words = words;
  }

  /** Writes a short piece of text the builder makes up itself (markers, prefixes, separators). */
  private void writeLiteral(String s) {
    for (int i = 0; i < s.length(); i++) {
      write(s.charAt(i));
    }
  }

  private void write(char c) {
    notePairJoin(c);
    out.append(c);
    count(CharClass.of(c));
  }

  private void writePair(char high, char low) {
    out.append(high);
    out.append(low);
    count(CharClass.ofCodePoint(Character.toCodePoint(high, low)));
  }

  /** Call before writing {@code next}; see {@link #pairJoinedAcrossWrites}. */
  private void notePairJoin(char next) {
    if (Character.isLowSurrogate(next) && out.endsInHighSurrogate()) {
      pairJoinedAcrossWrites = true;
    }
  }

  private void count(int entry) {
    int word = (entry & CharClass.MARK) != 0 ? inWord : (entry >> CharClass.WORD_SHIFT) & 1;
    words += word & ~inWord;
    inWord = word;
  }

  /** The prefix of an empty line inside quotes: "> >" for two levels, no trailing space. */
  private void appendQuotePrefix(int depth) {
    for (int i = 0; i < depth; i++) {
      writeLiteral(i == 0 ? ">" : " >");
    }
  }

  private int quoteDepth() {
    int depth = 0;
    for (Container c : containers) {
      if (c.quote) {
        depth++;
      }
    }
    return depth;
  }

  private boolean insideList() {
    return innermostList() != null;
  }

  private Container innermostList() {
    for (int i = containers.size() - 1; i >= 0; i--) {
      if (!containers.get(i).quote) {
        return containers.get(i);
      }
    }
    return null;
  }

  private void removeInnermost(boolean quote) {
    for (int i = containers.size() - 1; i >= 0; i--) {
      if (containers.get(i).quote == quote) {
        containers.remove(i);
        return;
      }
    }
  }

  /** A blockquote or a list: something that adds to the start of each of its lines. */
  private static final class Container {
    final boolean quote;
    final boolean ordered;
    int nextNumber;
    String pendingMarker;

    /** Width of this list's latest marker; nested lines are indented by it. */
    int markerWidth;

    private Container(boolean quote, boolean ordered, int nextNumber) {
      this.quote = quote;
      this.ordered = ordered;
      this.nextNumber = nextNumber;
    }

    static Container quote() {
      return new Container(true, false, 0);
    }

    static Container list(boolean ordered, int start) {
      return new Container(false, ordered, start);
    }
  }
}
