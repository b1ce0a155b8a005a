package io.feedpipe.streams.route;

import io.feedpipe.schemas.CleanPost;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A routing rule: a post that meets every condition the rule sets is also written to
 * {@code posts.route.<name>}. Conditions left empty do not constrain; a rule must set at least one.
 *
 * @param name the rule's name, also the suffix of its topic
 * @param feeds feed ids, any of which matches
 * @param categories category names, any of which matches (case-insensitive)
 * @param titlePattern a regular expression searched for in the plain title
 */
public record RouteRule(String name, Set<String> feeds, Set<String> categories, Pattern titlePattern) {

  public RouteRule {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("route '" + name + "': name must be 1-200 letters, digits, '.', '_' or '-' (it becomes the topic posts.route." + name + ")");
    }
    feeds = feeds == null ? Set.of() : Set.copyOf(feeds);
    categories = categories == null ? Set.of()
        : categories.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    if (feeds.isEmpty() && categories.isEmpty() && titlePattern == null) {
      throw new IllegalArgumentException("route '" + name + "': set at least one condition (feeds, categories or title)");
    }
  }

  public boolean matches(CleanPost post) {
    if (!feeds.isEmpty() && !feeds.contains(post.getFeedId())) {
      return false;
    }
    if (!categories.isEmpty() && post.getCategories().stream().noneMatch(c -> categories.contains(c.toLowerCase(Locale.ROOT)))) {
      return false;
    }
    return titlePattern == null || titlePattern.matcher(post.getTitle()).find();
  }
}
