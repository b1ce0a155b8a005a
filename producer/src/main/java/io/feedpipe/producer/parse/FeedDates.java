package io.feedpipe.producer.parse;

import com.rometools.rome.io.impl.DateParser;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Reads the date of a feed element exactly as Rome's {@link DateParser#parseDate} does, without its
 * cost for the shapes nearly every feed uses. Rome creates a {@code SimpleDateFormat} per mask per
 * call and tries up to 23 masks (19 W3C ones before the four RFC 822 ones), and its RSS parsers read
 * an item's {@code pubDate} twice: about 40 formats compiled for every RSS item, the producer's top
 * hot spot. Here the common shapes are read by hand:
 *
 * <ul>
 *   <li>RFC 822/1123: {@code [Www, ]d[d] Mmm yyyy h[h]:mm[:ss] zone}, the zone {@code ±hhmm},
 *       {@code GMT}, {@code UT}, {@code UTC}, {@code Z} or a North American name ({@code EST},
 *       {@code PDT}…);
 *   <li>W3C-DTF/ISO 8601: {@code yyyy}, {@code yyyy-MM}, {@code yyyy-MM-dd} (midnight UTC, as Rome) and
 *       {@code yyyy-MM-ddThh:mm[:ss[.f]]} with {@code Z} or {@code ±hh:mm}.
 * </ul>
 *
 * Everything else goes to Rome's parser, so the result is Rome's for every input: two-digit years
 * (Rome's century window moves with the clock), out-of-range fields (Rome's lenient calendar rolls
 * them over), other zone names or spellings, whitespace around a {@code Z} or {@code UT} zone (which
 * changes how Rome reads it), years before 1900. Rome's quirks are kept where the fast path reads a
 * shape: a wrong weekday is ignored, and a fraction of a second counts its digits as milliseconds
 * ({@code .5} is 5 ms, {@code .123456} is 123,456 ms), as {@code SimpleDateFormat}'s {@code SSS}
 * does. {@code FeedDatesTest} holds both to the same answer over generated dates and every date
 * of the feed corpus. Thread-safe.
 */
final class FeedDates {
  private FeedDates() {}

  /** Not read here: Rome decides. */
  private static final long ROME = Long.MIN_VALUE;

  private static final String[] WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

  /** Zones {@code SimpleDateFormat} reads as UTC whatever the default time zone ("GMT" is built in). */
  private static final Map<String, Integer> UTC_NAMES = Map.of("GMT", 0, "UT", 0, "UTC", 0, "Z", 0);

  /**
   * North American zone names (RFC 822 §5.1). {@code SimpleDateFormat} looks names up among the
   * default time zone's names first, so their offsets are asked of Rome itself, per default zone.
   */
  private static final String[] NAMED_ZONES = {"EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"};

  private record ZoneNames(String defaultZone, Map<String, Integer> offsetSeconds) {}

  private static volatile ZoneNames zoneNames;

  /**
   * @param text an element's text, as Rome hands it to its date parser
   * @param locale the locale Rome parses with; only {@link Locale#US} (Rome's default) is read here
   * @return what {@link DateParser#parseDate(String, Locale)} returns for the same arguments
   */
  static Date parse(String text, Locale locale) {
    if (text != null && Locale.US.equals(locale)) {
      long millis = read(text);
      if (millis != ROME) {
        return new Date(millis);
      }
    }
    return DateParser.parseDate(text, locale);
  }

  /** Epoch milliseconds, or {@link #ROME} when the text is not one of the shapes read here. */
  static long read(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) <= ' ') { // String.trim()'s notion of blank, as Rome's
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    boolean padded = from > 0 || to < s.length();
    if (to - from >= 4 && digits(s, from, 4) && (to - from == 4 || s.charAt(from + 4) == '-')) {
      // Rome's W3C branch edits the text before parsing (appends "T00:00GMT", moves a trailing Z)
      // in ways that surrounding whitespace changes: left to Rome.
      return padded ? ROME : w3c(s, from, to);
    }
    return rfc822(s, from, to, padded);
  }

  /** yyyy[-MM[-dd[Thh:mm[:ss[.f]](Z|±hh:mm)]]] */
  private static long w3c(String s, int i, int end) {
    int year = number(s, i, 4);
    int month = 1;
    int day = 1;
    i += 4;
    if (i < end) {
      if (s.charAt(i) != '-' || !digits(s, i + 1, 2) || end < i + 3) {
        return ROME;
      }
      month = number(s, i + 1, 2);
      i += 3;
    }
    if (i < end) {
      if (s.charAt(i) != '-' || end < i + 3 || !digits(s, i + 1, 2)) {
        return ROME;
      }
      day = number(s, i + 1, 2);
      i += 3;
      if (i < end && s.charAt(i) != 'T') {
        return ROME;
      }
    }
    if (!validDate(year, month, day)) {
      return ROME;
    }
    if (i == end) {
      return LocalDate.of(year, month, day).toEpochDay() * 86_400_000L; // Rome appends "T00:00GMT"
    }
    // 'T' hh:mm
    if (end < i + 6 || !digits(s, i + 1, 2) || s.charAt(i + 3) != ':' || !digits(s, i + 4, 2)) {
      return ROME;
    }
    int hour = number(s, i + 1, 2);
    int minute = number(s, i + 4, 2);
    int second = 0;
    long fraction = 0;
    i += 6;
    if (i < end && s.charAt(i) == ':') {
      if (end < i + 3 || !digits(s, i + 1, 2)) {
        return ROME;
      }
      second = number(s, i + 1, 2);
      i += 3;
      if (i < end && s.charAt(i) == '.') {
        int start = ++i;
        while (i < end && isDigit(s.charAt(i))) {
          i++;
        }
        if (i == start || i - start > 9) {
          return ROME;
        }
        // SimpleDateFormat's "SSS" reads the digits as a number of milliseconds; so does Rome.
        fraction = Long.parseLong(s, start, i, 10);
      }
    }
    if (hour > 23 || minute > 59 || second > 59 || i >= end) {
      return ROME;
    }
    int offsetSeconds;
    if (s.charAt(i) == 'Z' && i + 1 == end) {
      offsetSeconds = 0;
    } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && end == i + 6 && digits(s, i + 1, 2) && s.charAt(i + 3) == ':'
        && digits(s, i + 4, 2)) {
      // Only ±hh:mm: Rome reads the offset as "GMT±hh:mm", which needs the colon.
      int hours = number(s, i + 1, 2);
      int minutes = number(s, i + 4, 2);
      if (hours > 23 || minutes > 59) {
        return ROME;
      }
      offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return ROME;
    }
    return epochMillis(year, month, day, hour, minute, second, offsetSeconds) + fraction;
  }

  /** [Www, ]d[d] Mmm yyyy h[h]:mm[:ss] zone */
  private static long rfc822(String s, int i, int end, boolean padded) {
    if (end - i < 16) {
      return ROME;
    }
    if (isLetter(s.charAt(i))) {
      // The weekday is checked for being one but otherwise ignored, as by SimpleDateFormat's
      // lenient calendar: the day of the month wins over a contradicting weekday.
      if (index(WEEKDAYS, s, i) < 0 || s.charAt(i + 3) != ',' || s.charAt(i + 4) != ' ') {
        return ROME;
      }
      i += 5;
      while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) { // Rome skips them before a field
        i++;
      }
    }
    int dayDigits = digitRun(s, i, end);
    if (dayDigits < 1 || dayDigits > 2) {
      return ROME;
    }
    int day = number(s, i, dayDigits);
    i += dayDigits;
    if (end < i + 6 || s.charAt(i) != ' ' || s.charAt(i + 4) != ' ') {
      return ROME;
    }
    int month = index(MONTHS, s, i + 1) + 1;
    if (month == 0) {
      return ROME;
    }
    i += 5;
    if (digitRun(s, i, end) != 4) {
      return ROME; // two-digit years: Rome's century window depends on the clock
    }
    int year = number(s, i, 4);
    i += 4;
    if (i >= end || s.charAt(i) != ' ') {
      return ROME;
    }
    i++;
    int hourDigits = digitRun(s, i, end);
    if (hourDigits < 1 || hourDigits > 2 || end < i + hourDigits + 3 || s.charAt(i + hourDigits) != ':'
        || !digits(s, i + hourDigits + 1, 2)) {
      return ROME;
    }
    int hour = number(s, i, hourDigits);
    i += hourDigits;
    int minute = number(s, i + 1, 2);
    i += 3;
    int second = 0;
    if (i < end && s.charAt(i) == ':') {
      if (end < i + 3 || !digits(s, i + 1, 2)) {
        return ROME;
      }
      second = number(s, i + 1, 2);
      i += 3;
    }
    if (i >= end || s.charAt(i) != ' ' || hour > 23 || minute > 59 || second > 59 || !validDate(year, month, day)) {
      return ROME;
    }
    i++;
    Integer offsetSeconds = zoneOffset(s, i, end, padded, year);
    if (offsetSeconds == null) {
      return ROME;
    }
    return epochMillis(year, month, day, hour, minute, second, offsetSeconds);
  }

  private static Integer zoneOffset(String s, int i, int end, boolean padded, int year) {
    char sign = s.charAt(i);
    if (sign == '+' || sign == '-') {
      if (end != i + 5 || !digits(s, i + 1, 4)) {
        return null;
      }
      int hours = number(s, i + 1, 2);
      int minutes = number(s, i + 3, 2);
      if (hours > 23 || minutes > 59) {
        return null;
      }
      return (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    }
    String name = s.substring(i, end);
    Integer utc = UTC_NAMES.get(name);
    if (utc != null) {
      // Rome turns a "UT" or "Z" token into "UTC" only when it is one between spaces of the
      // untrimmed text: with whitespace around the date it does not, and reads it differently.
      return padded && !name.equals("GMT") && !name.equals("UTC") ? null : utc;
    }
    // Zone names resolve to today's rules of their zone; kept to dates those rules have held for.
    return year >= 1970 ? zoneNames().get(name) : null;
  }

  /** Offsets Rome gives the {@link #NAMED_ZONES} under the current default time zone. */
  private static Map<String, Integer> zoneNames() {
    String defaultZone = TimeZone.getDefault().getID();
    ZoneNames names = zoneNames;
    if (names == null || !names.defaultZone().equals(defaultZone)) {
      names = new ZoneNames(defaultZone, probeZoneNames());
      zoneNames = names;
    }
    return names.offsetSeconds();
  }

  /**
   * Asks Rome for a winter and a summer date in each named zone; a name is read here only when both
   * give the same fixed offset (a name the default zone uses for both seasons would not).
   */
  private static Map<String, Integer> probeZoneNames() {
    Map<String, Integer> offsets = new java.util.HashMap<>();
    long winter = LocalDateTime.of(2026, 1, 5, 12, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
    long summer = LocalDateTime.of(2026, 7, 5, 12, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
    for (String name : NAMED_ZONES) {
      Date w = DateParser.parseDate("Mon, 05 Jan 2026 12:00:00 " + name, Locale.US);
      Date v = DateParser.parseDate("Sun, 05 Jul 2026 12:00:00 " + name, Locale.US);
      if (w != null && v != null && winter - w.getTime() == summer - v.getTime()) {
        offsets.put(name, (int) ((winter - w.getTime()) / 1000));
      }
    }
    return Map.copyOf(offsets);
  }

  private static long epochMillis(int year, int month, int day, int hour, int minute, int second, int offsetSeconds) {
    long days = LocalDate.of(year, month, day).toEpochDay();
    return (days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds) * 1000L;
  }

  /** Gregorian since 1900 (SimpleDateFormat's calendar is Julian before 1582), and a real day. */
  private static boolean validDate(int year, int month, int day) {
    return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= LocalDate.of(year, month, 1).lengthOfMonth();
  }

  /** Position of a three-letter English name (any case) at {@code i}, or -1. */
  private static int index(String[] names, String s, int i) {
    if (i + 3 > s.length()) {
      return -1;
    }
    for (int n = 0; n < names.length; n++) {
      if (s.regionMatches(true, i, names[n], 0, 3)) {
        return n;
      }
    }
    return -1;
  }

  private static int digitRun(String s, int i, int end) {
    int n = 0;
    while (i + n < end && isDigit(s.charAt(i + n))) {
      n++;
    }
    return n;
  }

  private static boolean digits(String s, int i, int count) {
    if (i < 0 || i + count > s.length()) {
      return false;
    }
    for (int k = i; k < i + count; k++) {
      if (!isDigit(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static int number(String s, int i, int count) {
    int n = 0;
    for (int k = i; k < i + count; k++) {
      n = n * 10 + (s.charAt(k) - '0');
    }
    return n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
