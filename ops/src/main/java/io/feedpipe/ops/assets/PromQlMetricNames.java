package io.feedpipe.ops.assets;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, read by a small lexer rather than a parser (no
 * PromQL parser is published for the JVM). An identifier is a metric name unless it calls a
 * function (followed by {@code (}), is an aggregation with a {@code by}/{@code without} clause, a
 * keyword ({@code and}, {@code offset}, {@code bool}, …) or a number ({@code Inf}, {@code NaN}).
 * Label matchers ({@code {…}}), ranges ({@code […]}), label lists after {@code by}, {@code on},
 * {@code group_left} and the like, strings and Grafana variables ({@code $__rate_interval},
 * {@code ${x}}) are skipped, so label names never count as metrics. A selector written as
 * {@code {__name__="x"}} yields {@code x}.
 *
 * <p>Grafana's {@code label_values(SELECTOR, label)} variable query is understood too: its
 * selector counts, its label does not.
 */
public final class PromQlMetricNames {
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
  private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
      "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
  private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\s*\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*", Pattern.DOTALL);
  private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");

  private PromQlMetricNames() {}

  /** The metric names {@code expr} selects, sorted. */
  public static Set<String> in(String expr) {
    Set<String> names = new TreeSet<>();
    new Lexer(expr, names).run();
    return names;
  }

  /**
   * The metric names of a Grafana variable query: {@code label_values(SELECTOR, label)} gives
   * SELECTOR's, {@code label_values(label)} none, anything else is read as PromQL.
   */
  public static Set<String> inGrafanaVariableQuery(String query) {
    Matcher m = LABEL_VALUES.matcher(query);
    if (m.matches()) {
      return in(m.group(1));
    }
    if (query.trim().matches("label_values\\s*\\(\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)")) {
      return new TreeSet<>();
    }
    return in(query);
  }

  private static final class Lexer {
    private final String s;
    private final Set<String> names;
    private int i;

    Lexer(String s, Set<String> names) {
      this.s = s;
      this.names = names;
    }

    void run() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '"' || c == '\'' || c == '`') {
          skipString(c);
        } else if (c == '{') {
          int end = skipTo('}');
          Matcher m = NAME_MATCHER.matcher(s.substring(i, end));
          if (m.find()) {
            names.add(m.group(1));
          }
          i = end;
        } else if (c == '[') {
          i = skipTo(']');
        } else if (c == '$') {
          skipGrafanaVariable();
        } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
          skipNumberOrDuration();
        } else if (isIdentifierStart(c)) {
          identifier();
        } else {
          i++;
        }
      }
    }

    private void identifier() {
      int start = i;
      while (i < s.length() && isIdentifierPart(s.charAt(i))) {
        i++;
      }
      String word = s.substring(start, i);
      String lower = word.toLowerCase(Locale.ROOT);
      int next = skipSpaces(i);
      char after = next < s.length() ? s.charAt(next) : '\0';
      if (LABEL_LIST_KEYWORDS.contains(lower)) {
        if (after == '(') {
          i = skipTo(next, ')');
        }
        return;
      }
      if (KEYWORDS.contains(lower) || after == '(') {
        return; // a keyword, a number, or a function or aggregation called right here
      }
      if (AGGREGATIONS.contains(lower) && startsWithWord(next, "by", "without")) {
        return; // sum by (le) (…): the modifier comes before the arguments
      }
      names.add(word);
    }

    private boolean startsWithWord(int at, String... words) {
      for (String w : words) {
        int end = at + w.length();
        if (s.regionMatches(true, at, w, 0, w.length()) && (end >= s.length() || !isIdentifierPart(s.charAt(end)))) {
          return true;
        }
      }
      return false;
    }

    private void skipString(char quote) {
      i++;
      while (i < s.length() && s.charAt(i) != quote) {
        i += (s.charAt(i) == '\\' && quote != '`') ? 2 : 1;
      }
      i++;
    }

    /** Index just past the {@code close} that ends the bracket opening at {@code i}, strings skipped. */
    private int skipTo(char close) {
      return skipTo(i, close);
    }

    private int skipTo(int from, char close) {
      int saved = i;
      i = from + 1;
      while (i < s.length() && s.charAt(i) != close) {
        char c = s.charAt(i);
        if (c == '"' || c == '\'' || c == '`') {
          skipString(c);
        } else {
          i++;
        }
      }
      int end = Math.min(i + 1, s.length());
      i = saved;
      return end;
    }

    private void skipGrafanaVariable() {
      i++;
      if (i < s.length() && s.charAt(i) == '{') {
        i = skipTo('}');
        return;
      }
      while (i < s.length() && isIdentifierPart(s.charAt(i))) {
        i++;
      }
    }

    /** 0.99, 1e3, 0x1F, and durations such as 5m or 1h30m (after offset). */
    private void skipNumberOrDuration() {
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_'
          || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
        i++;
      }
    }

    private int skipSpaces(int from) {
      int j = from;
      while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
        j++;
      }
      return j;
    }

    private static boolean isIdentifierStart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
      return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
  }
}
