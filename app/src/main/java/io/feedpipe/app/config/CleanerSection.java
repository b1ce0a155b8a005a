package io.feedpipe.app.config;

import io.feedpipe.streams.clean.BoilerplateRule;
import io.feedpipe.streams.clean.CleanerConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code cleaner:} section into the cleaner's settings: the boilerplate rules ({@link
 * BoilerplateRule}) and the excerpt length. Errors name the setting and the rule:
 * {@code feedpipe.yaml: cleaner.boilerplate[1].position must be one of leading-block,
 * trailing-block, trailing-link, got 'footer' (rule 'blog-footer')}.
 */
final class CleanerSection {

  private CleanerSection() {}

  static CleanerConfig read(ConfigNode root) {
    ConfigNode cleaner = root.section("cleaner");
    cleaner.allowOnly("boilerplate", "excerpt-max-chars");
    List<BoilerplateRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : cleaner.list("boilerplate")) {
      BoilerplateRule rule = rule(item);
      if (!names.add(rule.name())) {
        throw item.error(item.path("name"), "'" + rule.name() + "' is the name of an earlier rule too; names must be unique");
      }
      rules.add(rule);
    }
    int excerpt = cleaner.integer("excerpt-max-chars", CleanerConfig.MIN_EXCERPT_MAX_CHARS, CleanerConfig.MAX_EXCERPT_MAX_CHARS);
    return new CleanerConfig(rules, excerpt);
  }

  private static BoilerplateRule rule(ConfigNode item) {
    item.allowOnly("name", "position", "text", "href");
    String name = item.requiredString("name");
    String of = " (rule '" + name + "')";
    String positionText = item.requiredString("position");
    BoilerplateRule.Position position;
    try {
      position = BoilerplateRule.Position.valueOf(positionText.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw item.error(item.path("position"), "must be one of leading-block, trailing-block, trailing-link, got '" + positionText + "'" + of);
    }
    String text = regex(item, "text", of);
    String href = item.has("href") ? regex(item, "href", of) : null;
    if (href != null && position != BoilerplateRule.Position.TRAILING_LINK) {
      throw item.error(item.path("href"), "applies only to position trailing-link" + of);
    }
    return new BoilerplateRule(name, position, text, href);
  }

  private static String regex(ConfigNode item, String key, String of) {
    String regex = item.requiredString(key);
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw item.error(item.path(key), "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex() + of);
    }
    return regex;
  }
}
