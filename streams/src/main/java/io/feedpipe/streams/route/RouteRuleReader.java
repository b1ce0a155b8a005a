package io.feedpipe.streams.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import com.google.re2j.Pattern;

/**
 * Reads routing rules from the plain tree a YAML or JSON parser gives (maps, lists, strings,
 * numbers), so the rule language has one reader whatever the config's format. Every error is a
 * {@link RouteConfigException} naming the rule and the field, e.g. {@code route 'long-ai':
 * when.all[1].words.min must be a whole number, got 'lots'}.
 *
 * <pre>
 * - name: papers                       # topic posts.route.papers
 *   when: {title: '^\[Paper\]'}
 * - name: long-ai
 *   topic: ai.longreads                # optional: another topic
 *   when:
 *     all:
 *       - category: [AI, ML]           # any of these
 *       - words: {min: 2000}
 *       - not: {feed: noisy-blog}
 * </pre>
 *
 * A {@code when} mapping with several keys needs all of them. The first release's form ({@code
 * feeds}, {@code categories}, {@code title} beside {@code name}) still reads, as {@code when} with
 * those conditions.
 */
public final class RouteRuleReader {

  /** Keys a rule may have. */
  public static final Set<String> RULE_KEYS = Set.of("name", "topic", "when", "feeds", "categories", "title");

  /** Keys a condition may have. */
  public static final Set<String> CONDITION_KEYS =
      Set.of("feed", "author", "category", "language", "title", "text", "words", "revision", "all", "any", "not");

  private RouteRuleReader() {}

  /** All rules of a {@code routes:} list, checked together: names and topics must be unique. */
  public static List<RouteRule> readAll(List<?> routes) {
    List<RouteRule> rules = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      rules.add(read(routes.get(i), i));
    }
    checkTogether(rules);
    return List.copyOf(rules);
  }

  /**
   * Rules that each read well may still clash: two with one name, or two writing to one topic (a
   * post matching both would be written there twice). The error names the later rule.
   */
  public static void checkTogether(List<RouteRule> rules) {
    Map<String, String> topicOwners = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (RouteRule rule : rules) {
      if (!names.add(rule.name())) {
        throw new RouteConfigException(rule.name(), "name", "is used by two rules");
      }
      String owner = topicOwners.putIfAbsent(rule.topic(), rule.name());
      if (owner != null) {
        throw new RouteConfigException(rule.name(), "topic",
            "'" + rule.topic() + "' is also the topic of rule '" + owner + "'; a post matching both would be written twice");
      }
    }
  }

  /** One rule; {@code index} names it in errors when it has no name. */
  public static RouteRule read(Object spec, int index) {
    String fallbackName = "#" + index;
    if (!(spec instanceof Map<?, ?> map)) {
      throw new RouteConfigException(fallbackName, "", "must be a mapping with name and when, got " + describe(spec));
    }
    Object nameValue = map.get("name");
    if (nameValue == null || nameValue.toString().isBlank()) {
      throw new RouteConfigException(fallbackName, "name", "is required");
    }
    if (!isScalar(nameValue)) {
      throw new RouteConfigException(fallbackName, "name", "must be a single value, got " + describe(nameValue));
    }
    String name = nameValue.toString().strip();
    for (Object key : map.keySet()) {
      if (!RULE_KEYS.contains(String.valueOf(key))) {
        throw new RouteConfigException(name, String.valueOf(key), "is not a setting of a rule; known: " + new TreeSet<>(RULE_KEYS));
      }
    }
    boolean simple = map.containsKey("feeds") || map.containsKey("categories") || map.containsKey("title");
    Condition when;
    if (map.containsKey("when")) {
      if (simple) {
        throw new RouteConfigException(name, "when", "cannot be combined with feeds, categories or title beside it; move them into when");
      }
      when = condition(name, "when", map.get("when"));
    } else if (simple) {
      when = simpleForm(name, map);
    } else {
      throw new RouteConfigException(name, "when", "is required: the condition a post must meet, e.g. when: {title: '^\\[Paper\\]'}");
    }
    Object topic = map.get("topic");
    if (topic != null && !isScalar(topic)) {
      throw new RouteConfigException(name, "topic", "must be a topic name, got " + describe(topic));
    }
    return new RouteRule(name, topic == null ? null : topic.toString(), when);
  }

  private static Condition simpleForm(String rule, Map<?, ?> map) {
    List<Condition> all = new ArrayList<>();
    if (map.containsKey("feeds")) {
      all.add(new Condition.Feed(strings(rule, "feeds", map.get("feeds"))));
    }
    if (map.containsKey("categories")) {
      all.add(new Condition.Category(strings(rule, "categories", map.get("categories"))));
    }
    if (map.containsKey("title")) {
      all.add(new Condition.Title(regex(rule, "title", map.get("title"))));
    }
    return all.size() == 1 ? all.get(0) : new Condition.All(all);
  }

  /** A condition mapping: one key is that condition, several are all of them. */
  static Condition condition(String rule, String field, Object spec) {
    if (!(spec instanceof Map<?, ?> map) || map.isEmpty()) {
      throw new RouteConfigException(rule, field, "must be a mapping of conditions (" + String.join(", ", new TreeSet<>(CONDITION_KEYS))
          + "), got " + describe(spec));
    }
    List<Condition> all = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      all.add(single(rule, field + "." + key, key, e.getValue()));
    }
    return all.size() == 1 ? all.get(0) : new Condition.All(all);
  }

  private static Condition single(String rule, String field, String key, Object value) {
    switch (key) {
      case "feed":
        return new Condition.Feed(strings(rule, field, value));
      case "author":
        return new Condition.Author(strings(rule, field, value));
      case "category":
        return new Condition.Category(strings(rule, field, value));
      case "language":
        return new Condition.Language(strings(rule, field, value));
      case "title":
        return new Condition.Title(regex(rule, field, value));
      case "text":
        return new Condition.Text(regex(rule, field, value));
      case "words":
        return words(rule, field, value);
      case "revision":
        return revision(rule, field, value);
      case "all":
        return new Condition.All(conditions(rule, field, value));
      case "any":
        return new Condition.Any(conditions(rule, field, value));
      case "not":
        return new Condition.Not(condition(rule, field, value));
      default:
        String hint = switch (key) {
          case "feeds" -> " (write feed: it takes one value or a list)";
          case "authors" -> " (write author: it takes one value or a list)";
          case "categories" -> " (write category: it takes one value or a list)";
          case "languages" -> " (write language: it takes one value or a list)";
          default -> "";
        };
        throw new RouteConfigException(rule, field, "is not a condition" + hint + "; known: " + new TreeSet<>(CONDITION_KEYS));
    }
  }

  private static List<Condition> conditions(String rule, String field, Object value) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new RouteConfigException(rule, field, "must be a non-empty list of conditions, got " + describe(value));
    }
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      conditions.add(condition(rule, field + "[" + i + "]", list.get(i)));
    }
    return conditions;
  }

  private static Condition words(String rule, String field, Object value) {
    if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
      throw new RouteConfigException(rule, field, "must be a mapping with min, max or both, e.g. {min: 2000}, got " + describe(value));
    }
    for (Object key : map.keySet()) {
      if (!key.equals("min") && !key.equals("max")) {
        throw new RouteConfigException(rule, field + "." + key, "is not a setting of words; known: [max, min]");
      }
    }
    Integer min = count(rule, field + ".min", map.get("min"));
    Integer max = count(rule, field + ".max", map.get("max"));
    try {
      return new Condition.Words(min, max);
    } catch (IllegalArgumentException e) {
      throw new RouteConfigException(rule, field, e.getMessage());
    }
  }

  private static Integer count(String rule, String field, Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    try {
      int n = Integer.parseInt(text);
      if (n < 0) {
        throw new RouteConfigException(rule, field, "must be at least 0, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new RouteConfigException(rule, field, "must be a whole number, got '" + text + "'");
    }
  }

  private static Condition revision(String rule, String field, Object value) {
    String text = isScalar(value) ? value.toString().strip().toLowerCase(Locale.ROOT) : "";
    return switch (text) {
      case "new" -> new Condition.Revision(Condition.Revision.Kind.NEW);
      case "edit" -> new Condition.Revision(Condition.Revision.Kind.EDIT);
      default -> throw new RouteConfigException(rule, field, "must be 'new' (revision 1) or 'edit' (a later revision), got " + describe(value));
    };
  }

  private static Pattern regex(String rule, String field, Object value) {
    if (!isScalar(value) || value.toString().isEmpty()) {
      throw new RouteConfigException(rule, field, "must be a regular expression, got " + describe(value));
    }
    return RouteRegex.compile(rule, field, value.toString());
  }

  private static Set<String> strings(String rule, String field, Object value) {
    Set<String> values = new LinkedHashSet<>();
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (!isScalar(item) || item.toString().isBlank()) {
          throw new RouteConfigException(rule, field + "[" + i + "]", "must be a non-empty value, got " + describe(item));
        }
        values.add(item.toString().strip());
      }
    } else if (isScalar(value) && !value.toString().isBlank()) {
      values.add(value.toString().strip());
    }
    if (values.isEmpty()) {
      throw new RouteConfigException(rule, field, "must be a value or a non-empty list of values, got " + describe(value));
    }
    return values;
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "an empty list" : "a list";
    }
    return "'" + value + "'";
  }
}
