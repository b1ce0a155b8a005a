package io.feedpipe.sinks.jsonl;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a finished archive file: {@code <topic>-<partition>-<first>-<last>.jsonl.gz}, offsets
 * zero-padded to 20 digits so that names sort in offset order ({@code ls}, {@code zcat *.jsonl.gz}).
 * Offsets are those of the first and last line; in a compacted or transactional topic offsets have
 * gaps, so the file may hold fewer than {@code last - first + 1} lines.
 */
public record ArchiveFileName(String topic, int partition, long firstOffset, long lastOffset) {

  public static final String SUFFIX = ".jsonl.gz";
  private static final Pattern NAME = Pattern.compile("(.+)-(\\d+)-(\\d{20})-(\\d{20})" + Pattern.quote(SUFFIX));

  public ArchiveFileName {
    if (partition < 0 || firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException("bad archive file range " + topic + "-" + partition + " " + firstOffset + ".." + lastOffset);
    }
  }

  public String fileName() {
    return String.format("%s-%d-%020d-%020d%s", topic, partition, firstOffset, lastOffset, SUFFIX);
  }

  /** The hidden name a partition's file has while it is written; never matched by {@code *.jsonl.gz}. */
  public static String partialName(String topic, int partition) {
    return "." + topic + "-" + partition + SUFFIX + ".partial";
  }

  public static boolean isPartial(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(SUFFIX + ".partial");
  }

  public static Optional<ArchiveFileName> parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ArchiveFileName(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return Optional.empty();
    }
  }
}
