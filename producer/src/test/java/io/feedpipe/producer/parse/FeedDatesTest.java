package io.feedpipe.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.impl.DateParser;
import io.feedpipe.testkit.FeedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link FeedDates} gives Rome's {@link DateParser#parseDate} answer for every text: named cases,
 * generated dates in every shape it reads (and near misses it must leave to Rome), every date of
 * the feed corpus, and under other default time zones (Rome's answer depends on it for some texts).
 */
class FeedDatesTest {

  private static Instant fast(String text) {
    Date date = FeedDates.parse(text, Locale.US);
    return date == null ? null : date.toInstant();
  }

  private static boolean readWithoutRome(String text) {
    return FeedDates.read(text) != Long.MIN_VALUE;
  }

  private static void assertSameAsRome(String text) {
    Date rome = DateParser.parseDate(text, Locale.US);
    Date ours = FeedDates.parse(text, Locale.US);
    assertThat(ours == null ? null : ours.getTime()).as("'%s' (Rome: %s)", text, rome).isEqualTo(rome == null ? null : rome.getTime());
  }

  @Test
  void rfc822WithAndWithoutWeekdayAndSeconds() {
    Instant expected = Instant.parse("2026-11-29T10:31:07Z");
    for (String text : List.of("Sun, 29 Nov 2026 10:31:07 GMT", "29 Nov 2026 10:31:07 GMT", "Sun, 29 Nov 2026 10:31:07 +0000", "sun, 29 NOV 2026 10:31:07 GMT")) {
      assertThat(fast(text)).as(text).isEqualTo(expected);
      assertThat(readWithoutRome(text)).as(text).isTrue();
      assertSameAsRome(text);
    }
    assertThat(fast("Sun, 29 Nov 2026 10:31 GMT")).isEqualTo(Instant.parse("2026-11-29T10:31:00Z"));
    assertThat(fast("Sun, 9 Nov 2026 9:05:00 GMT")).isEqualTo(Instant.parse("2026-11-09T09:05:00Z"));
    assertThat(fast("Sun,  9 Nov 2026 09:05:00 GMT")).isEqualTo(Instant.parse("2026-11-09T09:05:00Z"));
  }

  @Test
  void aWrongWeekdayIsIgnoredAsRomeDoes() {
    String text = "Mon, 29 Nov 2026 10:31:07 GMT"; // 29 Nov 2026 is a Sunday
    assertThat(fast(text)).isEqualTo(Instant.parse("2026-11-29T10:31:07Z"));
    assertSameAsRome(text);
  }

  @Test
  void numericOffsetsAndNamedZones() {
    assertThat(fast("Sun, 29 Nov 2026 10:31:07 -0500")).isEqualTo(Instant.parse("2026-11-29T15:31:07Z"));
    assertThat(fast("Sun, 29 Nov 2026 10:31:07 +0530")).isEqualTo(Instant.parse("2026-11-29T05:01:07Z"));
    assertThat(fast("Sun, 29 Nov 2026 10:31:07 EST")).isEqualTo(Instant.parse("2026-11-29T15:31:07Z"));
    assertThat(fast("Sun, 29 Nov 2026 10:31:07 EDT")).isEqualTo(Instant.parse("2026-11-29T14:31:07Z"));
    assertThat(fast("Sat, 04 Jul 2026 10:31:07 PDT")).isEqualTo(Instant.parse("2026-07-04T17:31:07Z"));
    assertThat(fast("Sat, 04 Jul 2026 10:31:07 PST")).isEqualTo(Instant.parse("2026-07-04T18:31:07Z"));
    for (String zone : List.of("GMT", "UT", "UTC", "Z")) {
      String text = "Sun, 29 Nov 2026 10:31:07 " + zone;
      assertThat(fast(text)).as(text).isEqualTo(Instant.parse("2026-11-29T10:31:07Z"));
      assertThat(readWithoutRome(text)).as(text).isTrue();
    }
    for (String zone : List.of("EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UT", "UTC", "Z", "-0800", "+1400")) {
      assertSameAsRome("Sun, 29 Nov 2026 10:31:07 " + zone);
      assertSameAsRome("Sat, 04 Jul 2026 10:31:07 " + zone);
    }
  }

  @Test
  void twoDigitYearsAreLeftToRomesCenturyWindow() {
    for (String text : List.of("Sun, 29 Nov 26 10:31:07 GMT", "29 Nov 99 10:31:07 +0100", "Thu, 01 Jan 70 00:00:00 GMT")) {
      assertThat(readWithoutRome(text)).as(text).isFalse();
      assertSameAsRome(text);
    }
    assertThat(fast("Sun, 29 Nov 26 10:31:07 GMT")).isEqualTo(Instant.parse("2026-11-29T10:31:07Z"));
  }

  @Test
  void iso8601WithAndWithoutFractionAndOffset() {
    assertThat(fast("2026-11-29T10:31:07Z")).isEqualTo(Instant.parse("2026-11-29T10:31:07Z"));
    assertThat(fast("2026-11-29T10:31:07.250Z")).isEqualTo(Instant.parse("2026-11-29T10:31:07.250Z"));
    assertThat(fast("2026-11-29T10:31:07+02:00")).isEqualTo(Instant.parse("2026-11-29T08:31:07Z"));
    assertThat(fast("2026-11-29T10:31:07.123-05:00")).isEqualTo(Instant.parse("2026-11-29T15:31:07.123Z"));
    assertThat(fast("2026-11-29T10:31Z")).isEqualTo(Instant.parse("2026-11-29T10:31:00Z"));
    assertThat(fast("2026-11-29")).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    assertThat(fast("2026-11")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(fast("2026")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    // Rome's (SimpleDateFormat's) reading of a fraction: its digits as milliseconds.
    assertThat(fast("2026-11-29T10:31:07.5Z")).isEqualTo(Instant.parse("2026-11-29T10:31:07.005Z"));
    assertThat(fast("2026-11-29T10:31:07.123456+00:00")).isEqualTo(Instant.parse("2026-11-29T10:33:10.456Z"));
    for (String text : List.of("2026-11-29T10:31:07Z", "2026-11-29T10:31:07.250Z", "2026-11-29T10:31:07+02:00", "2026-11-29T10:31:07.123456+00:00",
        "2026-11-29T10:31Z", "2026-11-29", "2026-11", "2026")) {
      assertThat(readWithoutRome(text)).as(text).isTrue();
      assertSameAsRome(text);
    }
  }

  @Test
  void garbageAndOddShapesFallBackToRome() {
    for (String text : List.of("", " ", "yesterday", "2026-11-29T10:31:07", "2026-11-29T10:31:07+0200", "2026-11-29 10:31:07", "2026-11-29t10:31:07z",
        "2026-02-30", "2026-11-29T24:00:00Z", "Sun, 31 Nov 2026 10:31:07 GMT", "Sun, 29 Nov 2026 10:31:60 GMT", "Sunday, 29 Nov 2026 10:31:07 GMT",
        "Sun, 29 November 2026 10:31:07 GMT", "Sun, 29 Nov 2026 10:31:07 CEST", "Sun, 29 Nov 2026 10:31:07 +00:00", "Sun, 29 Nov 2026 10:31:07 GMT+05:00",
        "Sun, 29 Nov 2026 10:31:07", " 2026-11-29T10:31:07Z\n", "Sun, 29 Nov 2026 10:31:07 UT\n", "2026-11-29T10:31:07,5Z", "0001-01-01T00:00:00Z",
        "1582-10-10T00:00:00Z", "Sun, 29 Nov 1850 10:31:07 EST", "Xyz, 29 Nov 2026 10:31:07 GMT", "2026-11-29T10:31:07.1234567890Z")) {
      assertThat(readWithoutRome(text)).as("'%s'", text).isFalse();
      assertSameAsRome(text);
    }
    assertThat(fast("yesterday")).isNull();
  }

  @Test
  void generatedDatesAndNearMissesMatchRome() {
    for (String text : generated(new Random(20261129), 2000)) {
      assertSameAsRome(text);
    }
  }

  @Test
  void generatedDatesMatchRomeUnderOtherDefaultTimeZones() {
    TimeZone saved = TimeZone.getDefault();
    try {
      for (String zone : List.of("America/New_York", "America/Chicago", "Asia/Shanghai", "Australia/Sydney", "Europe/Berlin")) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        for (String text : generated(new Random(zone.hashCode()), 300)) {
          assertSameAsRome(text);
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void everyDateOfTheCorpusMatchesRome() throws IOException {
    Set<String> dates = new LinkedHashSet<>();
    List<Path> roots = new ArrayList<>(List.of(Path.of("src", "test", "resources")));
    Path corpus = FeedCorpus.find().orElse(null);
    if (corpus != null) {
      roots.add(corpus);
    }
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          datesIn(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), dates);
        }
      }
    }
    assertThat(dates).hasSizeGreaterThan(corpus != null ? 500 : 1);
    int fast = 0;
    for (String text : dates) {
      assertSameAsRome(text);
      if (readWithoutRome(text)) {
        fast++;
      }
    }
    // The common shapes are read here, not by Rome: that is the point of FeedDates.
    assertThat(fast).as("dates read without Rome, of %d", dates.size()).isGreaterThan(dates.size() * 3 / 4);
  }

  private static final Pattern DATE_ELEMENT = Pattern.compile(
      "<((?:[\\w-]+:)?(?:pubDate|lastBuildDate|updated|published|date|modified|issued|created|expirationDate))\\b[^>]*>([^<]{0,200})</\\1>");

  private static void datesIn(String xml, Set<String> dates) {
    Matcher m = DATE_ELEMENT.matcher(xml);
    while (m.find()) {
      dates.add(m.group(2));
    }
  }

  /** Dates in every shape FeedDates reads, with random fields, zones and whitespace, plus mutations of them. */
  static List<String> generated(Random random, int count) {
    String[] zones = {"GMT", "UT", "UTC", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CEST", "BST", "gmt", "+0000", "-0500", "+0530",
        "+2400", "-0060", "+00:00", "GMT+02:00", "+01"};
    String[] weekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "MON", "thu", "Monday", "Xyz"};
    String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "NOV", "sep", "Sept", "November"};
    String[] pads = {"", "", "", "", " ", "\n  ", "\t"};
    List<String> out = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int year = random.nextInt(10) == 0 ? 1850 + random.nextInt(60) : 1960 + random.nextInt(90);
      LocalDateTime t = LocalDateTime.of(year, 1, 1, 0, 0).plusSeconds(random.nextInt(366 * 86_400));
      String text;
      if (random.nextBoolean()) {
        String weekday = random.nextInt(4) == 0 ? weekdays[random.nextInt(weekdays.length)]
            : t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.US);
        String month = random.nextInt(5) == 0 ? months[random.nextInt(months.length)] : months[t.getMonthValue() - 1];
        String y = random.nextInt(8) == 0 ? String.format("%02d", t.getYear() % 100) : Integer.toString(t.getYear());
        String day = random.nextBoolean() ? String.format("%02d", t.getDayOfMonth()) : Integer.toString(t.getDayOfMonth());
        String hour = random.nextBoolean() ? String.format("%02d", t.getHour()) : Integer.toString(t.getHour());
        String time = hour + String.format(":%02d", t.getMinute()) + (random.nextInt(4) == 0 ? "" : String.format(":%02d", t.getSecond()));
        text = (random.nextInt(3) == 0 ? "" : weekday + ", ") + day + " " + month + " " + y + " " + time + " " + zones[random.nextInt(zones.length)];
      } else {
        String offset = switch (random.nextInt(6)) {
          case 0, 1 -> "Z";
          case 2 -> String.format("%+03d:%02d", random.nextInt(27) - 13, random.nextBoolean() ? 0 : 30);
          case 3 -> String.format("%+03d%02d", random.nextInt(27) - 13, 0);
          case 4 -> "";
          default -> String.format("-%02d:%02d", random.nextInt(12), 45);
        };
        String fraction = switch (random.nextInt(5)) {
          case 0 -> "." + (1 + random.nextInt(9));
          case 1 -> String.format(".%03d", random.nextInt(1000));
          case 2 -> String.format(".%06d", random.nextInt(1_000_000));
          default -> "";
        };
        text = switch (random.nextInt(8)) {
          case 0 -> t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd"));
          case 1 -> t.format(DateTimeFormatter.ofPattern("yyyy-MM"));
          case 2 -> t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")) + offset;
          default -> t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")) + fraction + offset;
        };
      }
      out.add(pads[random.nextInt(pads.length)] + mutate(text, random) + pads[random.nextInt(pads.length)]);
    }
    out.add(Instant.ofEpochSecond(0).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME));
    return out;
  }

  /** Now and then one character changed: a digit out of range, a separator, a letter case. */
  private static String mutate(String text, Random random) {
    if (text.isEmpty() || random.nextInt(6) != 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    int i = random.nextInt(chars.length);
    char c = chars[i];
    chars[i] = Character.isDigit(c) ? (char) ('0' + random.nextInt(10)) : Character.isLetter(c) ? Character.toLowerCase(c) : "-: ,T+".charAt(random.nextInt(6));
    return new String(chars);
  }
}
