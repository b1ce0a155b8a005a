package io.feedpipe.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts Content-Security-Policy violation reports browsers send to {@code /csp-report}, by the
 * path of the page that violated it. A report is a browser's word only (anyone can post one), so it
 * is counted, never trusted further; bodies that are not a report count as {@link #malformed()}.
 * Understands both the {@code report-uri} form ({@code {"csp-report": {...}}}) and the Reporting
 * API's ({@code [{"type": "csp-violation", "body": {...}}]}).
 */
public final class CspReports {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, LongAdder> byPage = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();
  private final AtomicLong malformed = new AtomicLong();

  /** Counts the violations one report body holds. */
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
      for (JsonNode report : root) {
        if ("csp-violation".equals(report.path("type").asText())) {
          count(report.path("body").path("documentURL").asText(""));
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
    byPage.computeIfAbsent(path == null || path.isEmpty() ? "(unknown)" : path, p -> new LongAdder()).increment();
    total.increment();
  }

  public long total() {
    return total.sum();
  }

  /** Violations reported by the page at this path (e.g. "/"). */
  public long forPage(String path) {
    LongAdder adder = byPage.get(path);
    return adder == null ? 0 : adder.sum();
  }

  public Map<String, Long> byPage() {
    Map<String, Long> copy = new TreeMap<>();
    byPage.forEach((page, n) -> copy.put(page, n.sum()));
    return copy;
  }

  public long malformed() {
    return malformed.get();
  }
}
