package io.feedpipe.sinks.jsonl;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them: 1048576, 512KB, 64MB, 1GB (binary multiples: 1 KB = 1024 bytes). */
public final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

  private ByteSize() {}

  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size (write e.g. 1048576, 512KB, 64MB or 1GB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    return switch (unit.charAt(0)) {
      case 'k' -> n * 1024;
      case 'm' -> n * 1024 * 1024;
      case 'g' -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }
}
