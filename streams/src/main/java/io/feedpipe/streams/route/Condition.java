package io.feedpipe.streams.route;

import io.feedpipe.schemas.CleanPost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import com.google.re2j.Pattern;
import java.util.stream.Collectors;

/**
 * One condition of a routing rule, over a cleaned post. Pure: no Kafka, no I/O.
 *
 * <p>{@link #matches} is the fast path the topology calls for every revision; {@link #explain}
 * says why, for {@code ./feedpipe routes test}. Both must agree, which the tests check.
 */
public sealed interface Condition {

  boolean matches(CleanPost post);

  /** Whether the post matches, and why, as a tree that mirrors the condition. */
  Explanation explain(CleanPost post);

  /** How the condition reads in the config, e.g. {@code title ~ /^\[Paper\]/}. */
  String describe();

  /** The feed id is one of {@code ids} (exact). */
  record Feed(Set<String> ids) implements Condition {
    public Feed {
      ids = Set.copyOf(ids);
    }

    @Override
    public boolean matches(CleanPost post) {
      return ids.contains(post.getFeedId());
    }

    @Override
    public Explanation explain(CleanPost post) {
      return Explanation.leaf(matches(post), describe(), "feed is " + quote(post.getFeedId()));
    }

    @Override
    public String describe() {
      return "feed " + anyOf(ids);
    }
  }

  /** One of the post's authors is one of {@code names} (case-insensitive, whole name). */
  record Author(Set<String> names) implements Condition {
    public Author {
      names = lowerCase(names);
    }

    @Override
    public boolean matches(CleanPost post) {
      return anyIn(post.getAuthors(), names);
    }

    @Override
    public Explanation explain(CleanPost post) {
      return Explanation.leaf(matches(post), describe(), "authors are " + post.getAuthors());
    }

    @Override
    public String describe() {
      return "author " + anyOf(names);
    }
  }

  /** One of the post's categories is one of {@code names} (case-insensitive, whole name). */
  record Category(Set<String> names) implements Condition {
    public Category {
      names = lowerCase(names);
    }

    @Override
    public boolean matches(CleanPost post) {
      return anyIn(post.getCategories(), names);
    }

    @Override
    public Explanation explain(CleanPost post) {
      return Explanation.leaf(matches(post), describe(), "categories are " + post.getCategories());
    }

    @Override
    public String describe() {
      return "category " + anyOf(names);
    }
  }

  /**
   * The post's language is one of {@code tags}, or a subtag of one: {@code en} matches {@code en},
   * {@code en-us} and {@code en-GB}; {@code en-us} matches only {@code en-us}. Case-insensitive,
   * and {@code _} is read as {@code -}.
   */
  record Language(Set<String> tags) implements Condition {
    public Language {
      tags = tags.stream().map(Language::normalize).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean matches(CleanPost post) {
      String language = post.getLanguage();
      if (language == null) {
        return false;
      }
      String tag = normalize(language);
      for (String wanted : tags) {
        if (tag.equals(wanted) || (tag.startsWith(wanted) && tag.charAt(wanted.length()) == '-')) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Explanation explain(CleanPost post) {
      String why = post.getLanguage() == null ? "language is unknown" : "language is " + quote(post.getLanguage());
      return Explanation.leaf(matches(post), describe(), why);
    }

    @Override
    public String describe() {
      return "language " + anyOf(tags);
    }

    static String normalize(String tag) {
      return tag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    }
  }

  /** The regular expression (RE2, see {@link RouteRegex}) is found somewhere in the plain title (use ^ and $ to anchor). */
  record Title(Pattern pattern) implements Condition {
    public Title {
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean matches(CleanPost post) {
      return pattern.matcher(post.getTitle()).find();
    }

    @Override
    public Explanation explain(CleanPost post) {
      return Explanation.leaf(matches(post), describe(), "title is " + quote(post.getTitle()));
    }

    @Override
    public String describe() {
      return "title ~ /" + pattern.pattern() + "/";
    }
  }

  /** The regular expression (RE2, see {@link RouteRegex}) is found somewhere in the plain text. */
  record Text(Pattern pattern) implements Condition {
    public Text {
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean matches(CleanPost post) {
      return pattern.matcher(post.getText()).find();
    }

    @Override
    public Explanation explain(CleanPost post) {
      var m = pattern.matcher(post.getText());
      String why = m.find() ? "text has " + quote(abbreviate(m.group())) + " at character " + m.start() : "not found in the text";
      return Explanation.leaf(matches(post), describe(), why);
    }

    @Override
    public String describe() {
      return "text ~ /" + pattern.pattern() + "/";
    }
  }

  /** The word count is within {@code [min, max]}; a null bound does not constrain. */
  record Words(Integer min, Integer max) implements Condition {
    public Words {
      if (min == null && max == null) {
        throw new IllegalArgumentException("set min, max or both");
      }
      if (min != null && max != null && min > max) {
        throw new IllegalArgumentException("min " + min + " is greater than max " + max);
      }
    }

    @Override
    public boolean matches(CleanPost post) {
      int words = post.getWordCount();
      return (min == null || words >= min) && (max == null || words <= max);
    }

    @Override
    public Explanation explain(CleanPost post) {
      return Explanation.leaf(matches(post), describe(), post.getWordCount() + " words");
    }

    @Override
    public String describe() {
      if (min != null && max != null) {
        return "words " + min + ".." + max;
      }
      return min != null ? "words >= " + min : "words <= " + max;
    }
  }

  /** Revision 1 ({@link Kind#NEW}) or a later one ({@link Kind#EDIT}). */
  record Revision(Kind kind) implements Condition {
    /** Which revisions. */
    public enum Kind {
      NEW,
      EDIT
    }

    public Revision {
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public boolean matches(CleanPost post) {
      return (post.getRevision() > 1) == (kind == Kind.EDIT);
    }

    @Override
    public Explanation explain(CleanPost post) {
      return Explanation.leaf(matches(post), describe(), "revision " + post.getRevision());
    }

    @Override
    public String describe() {
      return "revision " + kind.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Every one of {@code conditions} holds. */
  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = atLeastOne(conditions);
    }

    @Override
    public boolean matches(CleanPost post) {
      for (Condition c : conditions) {
        if (!c.matches(post)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Explanation explain(CleanPost post) {
      return explainEach(conditions, post, "all of", (held, parts) -> held == parts.size());
    }

    @Override
    public String describe() {
      return "all of " + conditions.stream().map(Condition::describe).toList();
    }
  }

  /** At least one of {@code conditions} holds. */
  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = atLeastOne(conditions);
    }

    @Override
    public boolean matches(CleanPost post) {
      for (Condition c : conditions) {
        if (c.matches(post)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Explanation explain(CleanPost post) {
      return explainEach(conditions, post, "any of", (held, parts) -> held > 0);
    }

    @Override
    public String describe() {
      return "any of " + conditions.stream().map(Condition::describe).toList();
    }
  }

  /** {@code condition} does not hold. */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public boolean matches(CleanPost post) {
      return !condition.matches(post);
    }

    @Override
    public Explanation explain(CleanPost post) {
      Explanation inner = condition.explain(post);
      return new Explanation(!inner.matched(), "not", inner.matched() ? "the condition holds" : "the condition does not hold",
          List.of(inner));
    }

    @Override
    public String describe() {
      return "not (" + condition.describe() + ")";
    }
  }

  private static List<Condition> atLeastOne(List<Condition> conditions) {
    List<Condition> copy = List.copyOf(conditions);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("needs at least one condition");
    }
    return copy;
  }

  /** Explains each of {@code conditions}; {@code holds} decides from how many of how many parts held. */
  private static Explanation explainEach(List<Condition> conditions, CleanPost post, String label,
      BiPredicate<Long, List<Explanation>> holds) {
    List<Explanation> parts = new ArrayList<>();
    conditions.forEach(c -> parts.add(c.explain(post)));
    long held = parts.stream().filter(Explanation::matched).count();
    return new Explanation(holds.test(held, parts), label, held + " of " + parts.size() + " hold", parts);
  }

  private static Set<String> lowerCase(Set<String> values) {
    return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  private static boolean anyIn(List<String> values, Set<String> wantedLowerCase) {
    for (String v : values) {
      if (wantedLowerCase.contains(v.strip().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static String anyOf(Set<String> values) {
    List<String> sorted = values.stream().sorted().toList();
    return sorted.size() == 1 ? quote(sorted.get(0)) : "any of " + sorted.stream().map(Condition::quote).toList();
  }

  private static String quote(String s) {
    return "'" + s + "'";
  }

  private static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
