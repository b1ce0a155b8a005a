package io.feedpipe.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * HELP, TYPE or other comment, a sample, or empty; metric and label names must be legal; label
 * values escaped; values floats; at most one HELP and one TYPE per family, the TYPE before its
 * samples, a family's samples together, no sample twice. Anything else fails with the line.
 *
 * <p>A family is what a TYPE line names: a histogram's {@code _bucket}, {@code _count} and {@code
 * _sum} samples (and a summary's {@code _count} and {@code _sum}) belong to it, so they may
 * interleave per label set, as every writer emits them, but may not be split by another family.
 */
public final class PrometheusText {
  public record Sample(String name, Map<String, String> labels, double value) {}

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

  private PrometheusText() {}

  public static List<Sample> parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("exposition must end with a newline");
    }
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    Set<String> helps = new HashSet<>();
    Set<String> finished = new HashSet<>();
    Set<String> seen = new HashSet<>();
    String current = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        if (!helps.add(m.group(1))) {
          throw error(n, line, "second HELP for " + m.group(1));
        }
        continue;
      }
      if ((m = TYPE.matcher(line)).matches()) {
        String family = m.group(1);
        if (types.put(family, m.group(2)) != null) {
          throw error(n, line, "second TYPE for " + family);
        }
        if (seen.stream().anyMatch(s -> s.startsWith(family + "{"))) {
          throw error(n, line, "TYPE after samples of " + family);
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw error(n, line, "not a sample");
      }
      String name = m.group(1);
      String family = familyOf(name, types);
      if (!family.equals(current)) {
        if (current != null) {
          finished.add(current);
        }
        if (finished.contains(family)) {
          throw error(n, line, "samples of " + family + " are not together");
        }
        current = family;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null && !m.group(3).isEmpty()) {
        Matcher l = LABEL.matcher(m.group(3));
        int at = 0;
        while (at < m.group(3).length()) {
          if (!l.find(at) || l.start() != at) {
            throw error(n, line, "bad label at '" + m.group(3).substring(at) + "'");
          }
          String value = l.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
          if (labels.put(l.group(1), value) != null) {
            throw error(n, line, "label " + l.group(1) + " twice");
          }
          at = l.end();
        }
      }
      double value;
      String v = m.group(4);
      switch (v) {
        case "NaN" -> value = Double.NaN;
        case "+Inf" -> value = Double.POSITIVE_INFINITY;
        case "-Inf" -> value = Double.NEGATIVE_INFINITY;
        default -> {
          try {
            value = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            throw error(n, line, "value '" + v + "' is not a float");
          }
        }
      }
      if (!seen.add(name + new TreeMap<>(labels))) {
        throw error(n, line, "the same sample twice");
      }
      samples.add(new Sample(name, labels, value));
    }
    return samples;
  }

  /** The family a sample belongs to: its own name, or the histogram or summary its suffix names. */
  private static String familyOf(String name, Map<String, String> types) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
          return base;
        }
      }
    }
    return name;
  }

  private static IllegalArgumentException error(int line, String text, String why) {
    return new IllegalArgumentException("line " + line + ": " + why + ": " + text);
  }
}
