package io.feedpipe.ops.assets;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What docs/metrics.md documents: every back-quoted metric name (with the type its table row
 * gives), the {@code …_suffix} shorthand for a sibling of the name before it, and prefixes written
 * as {@code jvm_*}.
 */
record MetricsDoc(Map<String, String> types, Set<String> prefixes) {
  private static final Pattern TOKEN = Pattern.compile("`(…_[a-z0-9_]+|[a-z_:][a-z0-9_:]*_[a-z0-9_:]*|[a-z]+_\\*)`");
  private static final Pattern ROW_TYPE = Pattern.compile("\\|\\s*(counter|gauge|histogram|summary)\\s*\\|");
  private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_count", "_sum");

  static MetricsDoc parse(String markdown) {
    Map<String, String> types = new HashMap<>();
    Set<String> prefixes = new HashSet<>();
    for (String line : markdown.split("\n")) {
      Matcher type = ROW_TYPE.matcher(line);
      String rowType = line.startsWith("|") && type.find() ? type.group(1) : "";
      // Only the first cell of a table row names metrics; elsewhere every back-quoted name does.
      String names = line.startsWith("|") ? line.substring(0, Math.max(1, line.indexOf('|', 1))) : line;
      String previous = null;
      Matcher m = TOKEN.matcher(names);
      while (m.find()) {
        String token = m.group(1);
        if (token.endsWith("_*")) {
          prefixes.add(token.substring(0, token.length() - 1));
          continue;
        }
        if (token.startsWith("…") && previous != null) {
          token = sibling(previous, token.substring(1));
        }
        types.merge(token, rowType, (a, b) -> a.isEmpty() ? b : a);
        previous = token;
      }
    }
    return new MetricsDoc(types, prefixes);
  }

  /** feedpipe_x_used_bytes + "_capacity_bytes" → feedpipe_x_capacity_bytes: the suffix replaces as many segments. */
  private static String sibling(String previous, String suffix) {
    String[] segments = previous.split("_");
    int replaced = suffix.split("_").length - 1;
    return String.join("_", java.util.Arrays.copyOf(segments, segments.length - replaced)) + suffix;
  }

  /** Why {@code name} (a series as PromQL selects it) is documented, or empty when it is not. */
  Optional<String> documents(String name) {
    if (types.containsKey(name)) {
      return Optional.of(name);
    }
    for (String series : HISTOGRAM_SERIES) {
      String base = name.endsWith(series) ? name.substring(0, name.length() - series.length()) : null;
      if (base != null && "histogram".equals(types.get(base))) {
        return Optional.of(base + " (histogram)");
      }
    }
    return prefixes.stream().filter(name::startsWith).findFirst().map(p -> p + "*");
  }
}
