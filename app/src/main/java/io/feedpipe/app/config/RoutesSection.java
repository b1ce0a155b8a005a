package io.feedpipe.app.config;

import io.feedpipe.streams.route.RouteRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code routes:} list into routing rules, with errors naming the rule and the field. */
final class RoutesSection {
  private RoutesSection() {}

  static List<RouteRule> read(ConfigNode root) {
    List<RouteRule> rules = new ArrayList<>();
    for (ConfigNode route : root.list("routes")) {
      route.allowOnly("name", "feeds", "categories", "title");
      String name = route.requiredString("name");
      Pattern title = null;
      if (route.has("title")) {
        try {
          title = Pattern.compile(route.requiredString("title"));
        } catch (PatternSyntaxException e) {
          throw route.error(route.path("title"), "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
      }
      try {
        rules.add(new RouteRule(name, new HashSet<>(route.strings("feeds")), new HashSet<>(route.strings("categories")), title));
      } catch (IllegalArgumentException e) {
        throw route.error(e.getMessage());
      }
    }
    return rules;
  }
}
