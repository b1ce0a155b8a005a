package io.feedpipe.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A view of one mapping in the YAML config that knows its path, so every error names the setting
 * ({@code producer.poll-interval}) and the value at fault, and unknown keys are caught (a typo
 * must not silently fall back to a default).
 */
final class ConfigNode {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");

  private final String path;
  private final JsonNode node;
  private final String source;

  ConfigNode(String path, JsonNode node, String source) {
    this.path = path;
    this.node = node;
    this.source = source;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void allowOnly(String... keys) {
    Set<String> allowed = Set.of(keys);
    if (!node.isObject()) {
      throw error(path, "must be a mapping of settings, got " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw error(path(key), "is not a setting; known settings" + (path.isEmpty() ? "" : " of " + path) + ": " + new TreeSet<>(allowed));
      }
    }
  }

  ConfigNode section(String key) {
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      child = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    return new ConfigNode(path(key), child, source);
  }

  boolean has(String key) {
    JsonNode child = node.get(key);
    return child != null && !child.isNull() && !(child.isTextual() && child.asText().isBlank());
  }

  String string(String key) {
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      return null;
    }
    if (!child.isValueNode()) {
      throw error(path(key), "must be a single value, got " + child.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    return child.asText();
  }

  String requiredString(String key) {
    String value = string(key);
    if (value == null || value.isBlank()) {
      throw error(path(key), "is required");
    }
    return value.strip();
  }

  int integer(String key, int min, int max) {
    String value = requiredString(key);
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw error(path(key), "must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw error(path(key), "must be a whole number, got '" + value + "'");
    }
  }

  Duration duration(String key) {
    String value = requiredString(key);
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw error(path(key), e.getMessage());
    }
  }

  long size(String key) {
    String value = requiredString(key);
    Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw error(path(key), "'" + value + "' is not a size (write e.g. 1048576, 512KB, 15MB or 1GB)");
    }
    String unit = m.group(2) == null ? "b" : m.group(2);
    try {
      long n = Long.parseLong(m.group(1));
      return switch (unit) {
        case "kb" -> Math.multiplyExact(n, 1024L);
        case "mb" -> Math.multiplyExact(n, 1024L * 1024);
        case "gb" -> Math.multiplyExact(n, 1024L * 1024 * 1024);
        default -> n;
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw error(path(key), "'" + value + "' is too large a size");
    }
  }

  List<ConfigNode> list(String key) {
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      return List.of();
    }
    if (!child.isArray()) {
      throw error(path(key), "must be a list");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < child.size(); i++) {
      items.add(new ConfigNode(path(key) + "[" + i + "]", child.get(i), source));
    }
    return items;
  }

  List<String> strings(String key) {
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      return List.of();
    }
    if (child.isValueNode()) {
      return List.of(child.asText());
    }
    if (!child.isArray()) {
      throw error(path(key), "must be a value or a list of values");
    }
    List<String> values = new ArrayList<>();
    child.forEach(v -> values.add(v.asText()));
    return values;
  }

  Map<String, String> stringMap(String key) {
    JsonNode child = node.get(key);
    Map<String, String> map = new LinkedHashMap<>();
    if (child == null || child.isNull()) {
      return map;
    }
    if (!child.isObject()) {
      throw error(path(key), "must be a mapping of names to values");
    }
    child.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** The raw subtree, for a section read by a reader of its own (routes: RouteRuleReader). */
  JsonNode json() {
    return node;
  }

  ConfigException error(String setting, String problem) {
    return new ConfigException(source + ": " + setting + " " + problem);
  }

  ConfigException error(String problem) {
    return error(path, problem);
  }
}
