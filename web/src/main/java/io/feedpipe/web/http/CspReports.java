package io.feedpipe.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts Content-Security-Policy violation reports browsers send to {@code /csp-report}, by the
 * kind of page that violated it ({@link PageKind}). A report is a browser's word only (anyone can
 * post one), so it is counted, never trusted further: counts go into a fixed set of buckets, not
 * one per path sent (which anyone could grow without bound), and one body counts at most
 * {@link #MAX_PER_BODY} violations. Bodies that are not a report count as {@link #malformed()}.
 * Understands both the {@code report-uri} form ({@code {"csp-report": {...}}}) and the Reporting
 * API's ({@code [{"type": "csp-violation", "body": {...}}]}).
 */
public final class CspReports {
  /** Violations one body counts at most: a browser sends one per report-uri POST, a few per Reporting API batch. */
  static final int MAX_PER_BODY = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The buckets reports are counted in, by the path of the page that sent them. */
  public enum PageKind {
    FRONT("/"), FEED("/feed/*"), ROUTE("/route/*"), SEARCH("/search"), OTHER("other");

    private final String label;

    PageKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The bucket of a page's path; {@code null} or anything not the page's own goes to {@link #OTHER}. */
    public static PageKind of(String path) {
      if (path == null) {
        return OTHER;
      }
      if (path.equals("/")) {
        return FRONT;
      }
      if (path.startsWith("/feed/")) {
        return FEED;
      }
      if (path.startsWith("/route/")) {
        return ROUTE;
      }
      if (path.equals("/search")) {
        return SEARCH;
      }
      return OTHER;
    }
  }

  private final Map<PageKind, LongAdder> byKind = new EnumMap<>(PageKind.class);
  private final LongAdder total = new LongAdder();
  private final AtomicLong malformed = new AtomicLong();

  public CspReports() {
    for (PageKind kind : PageKind.values()) {
      byKind.put(kind, new LongAdder()); // filled once: the map is only read afterwards, so safe across threads
    }
  }

  /** Counts the violations one report body holds (at most {@link #MAX_PER_BODY}). */
  public void record(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      malformed.incrementAndGet();
      return;
    }
    if (root == null) {
      malformed.incrementAndGet();
    } else if (root.has("csp-report")) {
      count(root.get("csp-report").path("document-uri").asText(""));
    } else if (root.isArray()) {
      int counted = 0;
      for (JsonNode report : root) {
        if (counted == MAX_PER_BODY) {
          break;
        }
        if ("csp-violation".equals(report.path("type").asText())) {
          count(report.path("body").path("documentURL").asText(""));
          counted++;
        }
      }
    } else {
      malformed.incrementAndGet();
    }
  }

  private void count(String documentUri) {
    String path;
    try {
      path = URI.create(documentUri).getRawPath();
    } catch (IllegalArgumentException e) {
      path = null;
    }
    byKind.get(PageKind.of(path)).increment();
    total.increment();
  }

  public long total() {
    return total.sum();
  }

  /** Violations reported by pages of this path's kind (e.g. "/" or "/feed/x"). */
  public long forPage(String path) {
    return byKind.get(PageKind.of(path)).sum();
  }

  /** The buckets that counted any report, by {@link PageKind#label()}. */
  public Map<String, Long> byPage() {
    Map<String, Long> copy = new LinkedHashMap<>();
    byKind.forEach((kind, n) -> {
      long sum = n.sum();
      if (sum > 0) {
        copy.put(kind.label(), sum);
      }
    });
    return copy;
  }

  public long malformed() {
    return malformed.get();
  }
}
