package io.feedpipe.producer.map;

import io.feedpipe.producer.text.SourceChars;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs or bounds one value a feed controls and says what it changed: each method returns the
 * value to keep and adds one note per kind of change to {@code notes}, naming the field (e.g.
 * {@code "title: 2 control characters removed"}). An unchanged value adds no note. Pure.
 *
 * <p>Every kept string is valid Unicode (no unpaired surrogate), without NUL, other C0/C1 control
 * characters or noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF): they break XML and JSON writers,
 * PostgreSQL text (NUL) and terminals downstream, and no feed means them.
 */
public final class ValueRepair {
  private ValueRepair() {}

  // A URL scheme (RFC 3986 §3.1), as a browser reads it.
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
  // What browsers remove anywhere in a URL before reading it (compiled once: String.replaceAll compiles on every call).
  private static final Pattern TAB_OR_BREAK = Pattern.compile("[\\t\\n\\r]");

  /**
   * A one-line value (title, guid, name, language): tabs and line breaks become spaces, other
   * controls are removed, then it is cut to {@code maxChars} (never inside a surrogate pair).
   */
  public static String singleLine(String field, String value, int maxChars, List<String> notes) {
    Changes changes = new Changes();
    String kept = clean(value, maxChars, false, changes);
    changes.noteInto(field, maxChars, value == null ? 0 : value.length(), notes);
    return kept;
  }

  /** A multi-line value (HTML): tabs and line breaks are kept, other controls removed. Not cut here. */
  public static String multiLine(String field, String value, List<String> notes) {
    Changes changes = new Changes();
    String kept = clean(value, Integer.MAX_VALUE, true, changes);
    changes.noteInto(field, Integer.MAX_VALUE, 0, notes);
    return kept;
  }

  /**
   * A list of one-line names: each cleaned and cut to {@code maxChars}, at most {@code maxItems}
   * kept. One note per kind of change for the whole list (counts summed), so the notes stay few
   * whatever the feed sends.
   */
  public static List<String> names(String field, List<String> values, int maxChars, int maxItems, List<String> notes) {
    List<String> kept = new ArrayList<>(Math.min(values.size(), maxItems));
    Changes changes = new Changes();
    int nulls = 0;
    for (String value : values.subList(0, Math.min(values.size(), maxItems))) {
      if (value == null) {
        nulls++;
      }
      kept.add(clean(value == null ? "" : value, maxChars, false, changes));
    }
    changes.noteInto(field, maxChars, -1, notes);
    if (nulls > 0) {
      notes.add(field + ": " + nulls + " missing " + (nulls == 1 ? "name" : "names") + " made empty");
    }
    if (values.size() > maxItems) {
      notes.add(field + ": only the first " + maxItems + " of " + values.size() + " kept");
    }
    return kept;
  }

  /**
   * An absolute http(s) URL, or null. Tabs and line breaks inside it are removed and leading or
   * trailing spaces and controls stripped, as browsers do before reading the scheme (WHATWG URL
   * standard), so {@code "java\tscript:"} is read as {@code javascript:} and refused. Relative URLs
   * are resolved against {@code base} when that is an http(s) URL; characters a URI may not hold are
   * percent-encoded; any other scheme ({@code javascript}, {@code data}, {@code vbscript}, {@code
   * file}…), a URL without host, or one longer than {@code maxChars} is dropped.
   *
   * @param base what a relative URL is resolved against; null: relative URLs are dropped
   */
  public static String httpUrl(String field, String value, URI base, int maxChars, List<String> notes) {
    if (value == null) {
      return null;
    }
    String cleaned = clean(TAB_OR_BREAK.matcher(value).replaceAll(""), Integer.MAX_VALUE, false, new Changes());
    cleaned = cleaned.strip();
    if (cleaned.isEmpty()) {
      notes.add(field + ": blank, dropped");
      return null;
    }
    Matcher scheme = SCHEME.matcher(cleaned);
    String url = cleaned;
    boolean relative = !scheme.find();
    if (!relative) {
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      if (!name.equals("http") && !name.equals("https")) {
        notes.add(field + ": scheme '" + shorten(name) + "' is not allowed, dropped");
        return null;
      }
    } else {
      URI parsed = parse(cleaned);
      if (base == null || !isHttp(base) || parsed == null) {
        notes.add(field + (parsed == null ? ": malformed, dropped" : ": relative URL without an http(s) base, dropped"));
        return null;
      }
      url = base.resolve(parsed).toString();
    }
    URI parsed = parse(url);
    // The authority, not the host: URI leaves the host null for names with '_', which browsers accept.
    if (parsed == null || !isHttp(parsed) || parsed.getRawAuthority() == null || parsed.getRawAuthority().isBlank()) {
      notes.add(field + ": malformed, dropped");
      return null;
    }
    url = parsed.toString();
    if (url.length() > maxChars) {
      notes.add(field + ": longer than " + maxChars + " characters (" + url.length() + "), dropped");
      return null;
    }
    if (relative) {
      notes.add(field + ": relative, resolved against " + base);
    } else if (!url.equals(value)) {
      notes.add(field + ": spaces, controls or characters a URL may not hold removed or percent-encoded");
    }
    return url;
  }

  /** The date, or null (with a note) when it is outside {@code [earliest, latest)}. */
  public static Instant date(String field, Instant value, Instant earliest, Instant latest, List<String> notes) {
    if (value == null || (!value.isBefore(earliest) && value.isBefore(latest))) {
      return value;
    }
    notes.add(field + ": " + value + " is outside " + earliest.toString().substring(0, 10) + ".." + latest.toString().substring(0, 10) + ", dropped");
    return null;
  }

  /** The size of a string in UTF-8 bytes, without encoding it; 0 for null. Unpaired surrogates count as 1 ('?'). */
  public static long utf8Bytes(String s) {
    if (s == null) {
      return 0;
    }
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Whether the string is valid Unicode without controls (except, if {@code multiLine}, tab and line breaks) or noncharacters. */
  public static boolean isClean(String s, boolean multiLine) {
    return s == null || clean(s, Integer.MAX_VALUE, multiLine, new Changes()).equals(s);
  }

  /** What cleaning changed, counted over one value or a list of them. */
  private static final class Changes {
    int surrogates;
    int spaced;
    int removed;
    int nonchars;
    int cut;

    /** @param originalLength the value's length for the cut note; -1 for a list (then the number of names cut is said) */
    void noteInto(String field, int maxChars, int originalLength, List<String> notes) {
      note(notes, field, surrogates, "unpaired surrogate", "unpaired surrogates", "replaced by U+FFFD");
      note(notes, field, spaced, "tab or line break", "tabs or line breaks", "replaced by a space");
      note(notes, field, removed, "control character", "control characters", "removed");
      note(notes, field, nonchars, "noncharacter", "noncharacters", "removed");
      if (cut > 0) {
        notes.add(originalLength >= 0
            ? field + ": cut to " + maxChars + " characters (was " + originalLength + ")"
            : field + ": " + cut + (cut == 1 ? " name" : " names") + " cut to " + maxChars + " characters");
      }
    }
  }

  private static String clean(String value, int maxChars, boolean multiLine, Changes changes) {
    if (value == null) {
      return null;
    }
    // Plain array reads: indexed reads of a string that is not Latin-1 (most posts: a curly quote
    // is enough) pay a bounds check each, which cost more than the scan. The array the XML reader
    // made a long text from when there is one (no copy at all), else one bulk copy.
    int n = value.length();
    if (multiLine && SourceChars.utf8(value) != null) {
      // Its UTF-8 form is kept already (the document's own bytes of it, or an earlier scan): it holds
      // nothing to repair, and the Kafka serializer writes those bytes.
      return cut(value, maxChars, changes);
    }
    char[] chars = SourceChars.of(value);
    if (chars != null) {
      // The scan and the UTF-8 encoding the Kafka serializer needs, in one pass (SourceChars).
      byte[] utf8 = SourceChars.scratch(3 * n);
      int written = encodeWhileKept(chars, n, multiLine, utf8);
      if (written >= 0) {
        SourceChars.keepUtf8(value, Arrays.copyOf(utf8, written));
        return cut(value, maxChars, changes);
      }
    } else {
      chars = value.toCharArray();
    }
    int first = firstToRepair(chars, n, multiLine);
    if (first < 0) { // nearly every value: nothing to repair, only the length to check
      return cut(value, maxChars, changes);
    }
    StringBuilder out = new StringBuilder(n).append(chars, 0, first);
    for (int i = first; i < n; i++) {
      char c = chars[i];
      if (isPlain(c, multiLine)) {
        out.append(c);
        continue;
      }
      int cp = c;
      int width = 1;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
        cp = Character.toCodePoint(c, chars[i + 1]);
        width = 2;
      }
      String replacement = null;
      if (width == 1 && Character.isSurrogate(c)) {
        replacement = "\uFFFD";
        changes.surrogates++;
      } else if (cp == '\t' || cp == '\n' || cp == '\r') {
        if (!multiLine) {
          replacement = " ";
          changes.spaced++;
        }
      } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
        replacement = "";
        changes.removed++;
      } else if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
        replacement = "";
        changes.nonchars++;
      }
      if (replacement != null) {
        out.append(replacement);
      } else {
        out.append(chars, i, width);
      }
      i += width - 1;
    }
    return cut(out.toString(), maxChars, changes);
  }

  /**
   * Encodes {@code chars[0, n)} to UTF-8 into {@code out} (at least 3 bytes a char) while every
   * char is one {@link #clean} keeps as it is: printable ASCII, tab and line breaks where kept,
   * and every other code point but C1 controls and noncharacters. Returns the bytes written, or -1
   * at the first char to repair (then {@link #firstToRepair} decides). Written out in one loop for
   * C1, as {@link #firstToRepair}'s is.
   */
  private static int encodeWhileKept(char[] chars, int n, boolean multiLine, byte[] out) {
    int o = 0;
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if ((char) (c - 0x20) < 0x7F - 0x20 || (multiLine && (c == '\n' || c == '\t' || c == '\r'))) {
        out[o++] = (byte) c;
      } else if ((char) (c - 0xA0) < 0x800 - 0xA0) {
        out[o++] = (byte) (0xC0 | (c >> 6));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      } else if ((char) (c - 0x800) < 0xD800 - 0x800 || (char) (c - 0xE000) < 0xFDD0 - 0xE000 || (char) (c - 0xFDF0) < 0xFFFE - 0xFDF0) {
        out[o++] = (byte) (0xE0 | (c >> 12));
        out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])
          && (Character.toCodePoint(c, chars[i + 1]) & 0xFFFE) != 0xFFFE) {
        int cp = Character.toCodePoint(c, chars[++i]);
        out[o++] = (byte) (0xF0 | (cp >> 18));
        out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        return -1;
      }
    }
    return o;
  }

  /** Index of the first of {@code chars[0, n)} the loop of {@link #clean} would change, or -1: the same rules, read-only. */
  private static int firstToRepair(char[] chars, int n, boolean multiLine) {
    int i = 0;
    while (true) {
      // The plain characters (nearly all of them), skipped by isPlain's test written out here: C1,
      // the compiler of a one-shot run, does not inline isPlain (too many bytecodes), and a call per
      // character doubled the cost of this scan.
      for (char c; i < n && ((char) ((c = chars[i]) - 0x20) < 0x7F - 0x20 || (char) (c - 0xA0) < 0xD800 - 0xA0 || (c == '\n' && multiLine)); ) {
        i++;
      }
      if (i >= n) {
        return -1;
      }
      char c = chars[i];
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
        if ((Character.toCodePoint(c, chars[i + 1]) & 0xFFFE) == 0xFFFE) {
          return i; // a noncharacter of a supplementary plane
        }
        i += 2;
        continue;
      }
      boolean keptBreak = multiLine && (c == '\t' || c == '\r');
      if (!keptBreak && (Character.isSurrogate(c) || c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF)
          || (c & 0xFFFE) == 0xFFFE)) {
        return i;
      }
      i++;
    }
  }

  /**
   * Printable ASCII, Latin-1 and the BMP below the surrogates (U+FDD0..U+FDEF lie above), and a
   * newline where kept: nothing to repair. Each range is one unsigned comparison (a char wraps below
   * zero); {@link #firstToRepair} writes the same test out in its loop.
   */
  private static boolean isPlain(char c, boolean multiLine) {
    return (char) (c - 0x20) < 0x7F - 0x20 || (char) (c - 0xA0) < 0xD800 - 0xA0 || (c == '\n' && multiLine);
  }

  private static String cut(String result, int maxChars, Changes changes) {
    if (result.length() > maxChars) {
      int end = maxChars;
      if (Character.isHighSurrogate(result.charAt(end - 1))) {
        end--; // never split a pair
      }
      changes.cut++;
      result = result.substring(0, end);
    }
    return result;
  }

  private static void note(List<String> notes, String field, int count, String one, String many, String done) {
    if (count > 0) {
      notes.add(field + ": " + count + " " + (count == 1 ? one : many) + " " + done);
    }
  }

  private static boolean isHttp(URI uri) {
    String scheme = uri.getScheme();
    return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
  }

  /** The URI, percent-encoding what RFC 3986 does not allow (spaces, non-ASCII, {@code |}…); null when it still does not parse. */
  private static URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      try {
        return new URI(encodeIllegal(url));
      } catch (URISyntaxException | IllegalArgumentException again) {
        return null;
      }
    }
  }

  private static String encodeIllegal(String url) {
    StringBuilder out = new StringBuilder(url.length() + 16);
    int hashes = 0;
    for (int i = 0; i < url.length(); ) {
      int cp = url.codePointAt(i);
      i += Character.charCount(cp);
      boolean legal = cp < 0x80 && (Character.isLetterOrDigit(cp) || "-._~:/?[]@!$&'()*+,;=%".indexOf(cp) >= 0);
      if (cp == '#' && hashes++ == 0) {
        legal = true; // the first # starts the fragment
      }
      if (legal) {
        out.appendCodePoint(cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xFF));
        }
      }
    }
    return out.toString();
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
