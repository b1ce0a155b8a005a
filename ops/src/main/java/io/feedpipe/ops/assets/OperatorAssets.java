package io.feedpipe.ops.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The alert rules and the Grafana dashboard feedpipe ships (in {@code deploy/} at the top of the
 * repository, packaged into this jar under {@code io/feedpipe/ops/assets/}), read as data: every
 * PromQL expression they hold and the metric names those select. Tests use it to check that each
 * metric an alert or panel needs is documented in docs/metrics.md and served by a real endpoint
 * ({@link #assertAllScraped}), so a renamed metric cannot silently blank a panel or mute an alert.
 */
public final class OperatorAssets {
  /** Classpath locations of the shipped files. */
  public static final String ALERT_RULES = "/io/feedpipe/ops/assets/prometheus/feedpipe-alerts.yml";
  public static final String ALERT_RULE_TESTS = "/io/feedpipe/ops/assets/prometheus/feedpipe-alerts-test.yml";
  public static final String DASHBOARD = "/io/feedpipe/ops/assets/grafana/feedpipe-dashboard.json";

  /**
   * Series Prometheus makes itself rather than scraping them: an alert may use them, but no
   * feedpipe endpoint serves them.
   */
  public static final Set<String> SYNTHETIC_SERIES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

  /** One PromQL expression and where it is used, e.g. "alert FeedpipeNotReady" or "panel 'Heap'". */
  public record UsedExpression(String where, String promQl) {}

  private OperatorAssets() {}

  /** Every expression of the alert rules, the dashboard's panels and its variable queries. */
  public static List<UsedExpression> expressions() {
    List<UsedExpression> out = new ArrayList<>(ruleExpressions());
    out.addAll(dashboardExpressions());
    return out;
  }

  /** The {@code expr} of every alert and recording rule. */
  public static List<UsedExpression> ruleExpressions() {
    List<UsedExpression> out = new ArrayList<>();
    for (JsonNode group : read(ALERT_RULES, new ObjectMapper(new YAMLFactory())).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.has("alert") ? "alert " + rule.path("alert").asText() : "recording rule " + rule.path("record").asText();
        out.add(new UsedExpression(name, rule.path("expr").asText()));
      }
    }
    return out;
  }

  /** The query of every panel target (rows' nested panels included) and variable. */
  public static List<UsedExpression> dashboardExpressions() {
    JsonNode dashboard = read(DASHBOARD, new ObjectMapper());
    List<UsedExpression> out = new ArrayList<>();
    collectPanels(dashboard.path("panels"), out);
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        JsonNode query = variable.path("query");
        String text = query.isTextual() ? query.asText() : query.path("query").asText();
        out.add(new UsedExpression("variable $" + variable.path("name").asText(), text));
      }
    }
    return out;
  }

  private static void collectPanels(JsonNode panels, List<UsedExpression> out) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          out.add(new UsedExpression("panel '" + panel.path("title").asText() + "'", target.path("expr").asText()));
        }
      }
      collectPanels(panel.path("panels"), out);
    }
  }

  /**
   * Every metric the alerts and the dashboard use, by where it is used, as the series are named
   * on an endpoint: counters with {@code _total}, histograms by their {@code _bucket},
   * {@code _count} or {@code _sum} series. Prometheus' own series ({@link #SYNTHETIC_SERIES}) are
   * left out.
   */
  public static Map<String, Set<String>> metricUsage() {
    Map<String, Set<String>> usage = new TreeMap<>();
    for (UsedExpression e : expressions()) {
      Set<String> names = e.where().startsWith("variable ")
          ? PromQlMetricNames.inGrafanaVariableQuery(e.promQl())
          : PromQlMetricNames.in(e.promQl());
      for (String name : names) {
        if (!SYNTHETIC_SERIES.contains(name)) {
          usage.computeIfAbsent(name, n -> new TreeSet<>()).add(e.where());
        }
      }
    }
    return usage;
  }

  /** The names of {@link #metricUsage()}, sorted. */
  public static Set<String> metricNamesUsed() {
    return new TreeSet<>(metricUsage().keySet());
  }

  /**
   * The used metrics that none of the scraped series names carries (sample names as the text
   * format writes them, e.g. {@code feedpipe_producer_fetches_total} or
   * {@code feedpipe_streams_end_to_end_latency_seconds_bucket}), each with where it is used.
   */
  public static Map<String, Set<String>> missingFrom(Set<String> scrapedSampleNames) {
    Map<String, Set<String>> missing = new TreeMap<>(metricUsage());
    missing.keySet().removeAll(scrapedSampleNames);
    return missing;
  }

  /**
   * For an integration test that scraped every process's endpoint: fails with the list of
   * metrics an alert or a dashboard panel uses that no endpoint served, and where each is used.
   *
   * @param scrapedSampleNames the sample names of all scrapes together (e.g. every
   *     {@code PrometheusText.Sample#name()} of each process's {@code /metrics})
   */
  public static void assertAllScraped(Set<String> scrapedSampleNames) {
    Map<String, Set<String>> missing = missingFrom(scrapedSampleNames);
    if (!missing.isEmpty()) {
      throw new AssertionError("metrics used by the shipped alert rules or dashboard that no scraped endpoint served:\n"
          + missing.entrySet().stream().map(e -> "  " + e.getKey() + " (used by " + String.join(", ", e.getValue()) + ")")
              .collect(Collectors.joining("\n")));
    }
  }

  /** A shipped file's text, from the classpath. */
  public static String text(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static JsonNode read(String resource, ObjectMapper mapper) {
    try (InputStream in = open(resource)) {
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + resource, e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = OperatorAssets.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is not on the classpath (the ops module packages deploy/ there)");
    }
    return in;
  }
}
