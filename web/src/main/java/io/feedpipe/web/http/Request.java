package io.feedpipe.web.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A request's path segments (percent-decoded one by one, so an encoded '/' stays in its segment) and query parameters. */
record Request(List<String> segments, Map<String, String> params) {

  static Request parse(String rawPath, String rawQuery) {
    List<String> segments = new ArrayList<>();
    for (String raw : (rawPath == null ? "" : rawPath).split("/")) {
      if (!raw.isEmpty()) {
        segments.add(decode(raw.replace("+", "%2B")));
      }
    }
    Map<String, String> params = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.putIfAbsent(name, value);
      }
    }
    return new Request(List.copyOf(segments), Map.copyOf(params));
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value; // a malformed escape is taken literally; it then names nothing and gives 404
    }
  }

  /** The page number asked for: 1 when absent or not a number, at most 100000. */
  int page() {
    try {
      return Math.min(100_000, Math.max(1, Integer.parseInt(params.getOrDefault("page", "1").strip())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
