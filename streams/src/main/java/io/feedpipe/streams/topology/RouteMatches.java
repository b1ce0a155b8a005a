package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.streams.route.RouteRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the route rules a revision matches, sorted, as the dedupe store remembers them (so
 * that reprocessing can tell when other rules would send a post elsewhere). A rule that fails on
 * the post counts as not matching: {@link RouteProcessor} does not route it there either, and
 * dead-letters the failure.
 */
final class RouteMatches {
  private RouteMatches() {}

  static List<String> of(List<RouteRule> rules, CleanPost post) {
    List<String> names = new ArrayList<>();
    for (RouteRule rule : rules) {
      try {
        if (rule.matches(post)) {
          names.add(rule.name());
        }
      } catch (RuntimeException | StackOverflowError e) {
        // not matched: RouteProcessor dead-letters the same failure when it routes the revision
      }
    }
    names.sort(null);
    return names;
  }
}
