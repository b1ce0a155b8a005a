package io.feedpipe.streams.route;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A routing rule: every revision that meets {@code when} is also written to {@code topic}. A post
 * may match several rules, and then goes to each of their topics.
 *
 * @param name the rule's name, in errors, logs and {@code ./feedpipe routes test}
 * @param topic where matching posts go; {@code posts.route.<name>} unless the config names another.
 *     The default is a base name: the pipeline writes to {@code <topics.prefix>posts.route.<name>}
 *     ({@code StreamsSettings.topicOf}); an explicit topic is used as written
 * @param when the condition (see {@link Condition}); rules are read from the config by {@link
 *     RouteRuleReader}
 */
public record RouteRule(String name, String topic, Condition when) {

  /** Kafka's rule for topic names (legal characters, at most 249 of them). */
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  public RouteRule {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new RouteConfigException(name, "name",
          "must be 1-200 letters, digits, '.', '_' or '-' (it becomes the topic posts.route." + name + ")");
    }
    topic = topic == null || topic.isBlank() ? FeedpipeTopics.routeTopic(name) : topic.strip();
    if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new RouteConfigException(name, "topic", "'" + topic + "' is not a valid Kafka topic name (1-249 letters, digits, '.', '_' or '-')");
    }
    if (RESERVED.contains(topic)) {
      throw new RouteConfigException(name, "topic", "'" + topic + "' is one of feedpipe's own topics; route to a topic of its own");
    }
    if (when == null) {
      throw new RouteConfigException(name, "when", "is required: the condition a post must meet");
    }
  }

  private static final Set<String> RESERVED = Set.of(FeedpipeTopics.RAW, FeedpipeTopics.CLEAN, FeedpipeTopics.UPDATES,
      FeedpipeTopics.DLQ, FeedpipeTopics.STATUS, FeedpipeTopics.FEEDS_CONFIG, FeedpipeTopics.FEEDS_STATE, FeedpipeTopics.REPROCESS);

  /** A rule writing to its default topic {@code posts.route.<name>}. */
  public RouteRule(String name, Condition when) {
    this(name, null, when);
  }

  /**
   * The simple form of the first release: all of the conditions given must hold (feed any of
   * {@code feeds}, category any of {@code categories}, title matching {@code titlePattern}); empty
   * or null ones do not constrain, and at least one must be set. The title pattern is run by RE2
   * ({@link RouteRegex}); one RE2 cannot run is refused.
   */
  public RouteRule(String name, Set<String> feeds, Set<String> categories, java.util.regex.Pattern titlePattern) {
    this(name, null, simple(name, feeds, categories,
        titlePattern == null ? null : RouteRegex.fromJava(name, "title", titlePattern)));
  }

  /**
   * Whether the post goes to this rule's topic. Regular expressions run in linear time (RE2), so
   * no rule runs away; the Streams app still evaluates each rule on its own and dead-letters a rule
   * that fails on a post without affecting the post's other routes.
   */
  public boolean matches(CleanPost post) {
    return when.matches(post);
  }

  /** Whether it does, and why. */
  public Explanation explain(CleanPost post) {
    return when.explain(post);
  }

  /** Whether the rule writes to {@code posts.route.<name>}, the topic feedpipe creates by name. */
  public boolean usesDefaultTopic() {
    return topic.equals(FeedpipeTopics.routeTopic(name));
  }

  private static Condition simple(String name, Set<String> feeds, Set<String> categories, com.google.re2j.Pattern title) {
    List<Condition> all = new ArrayList<>();
    if (feeds != null && !feeds.isEmpty()) {
      all.add(new Condition.Feed(feeds));
    }
    if (categories != null && !categories.isEmpty()) {
      all.add(new Condition.Category(categories));
    }
    if (title != null) {
      all.add(new Condition.Title(title));
    }
    if (all.isEmpty()) {
      throw new RouteConfigException(name, "when", "set at least one condition");
    }
    return all.size() == 1 ? all.get(0) : new Condition.All(all);
  }
}
