package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.streams.clean.BoilerplateRule;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.route.Condition;
import io.feedpipe.streams.route.RouteRegex;
import io.feedpipe.streams.route.RouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigFingerprintTest {
  static final List<RouteRule> ROUTES = List.of(new RouteRule("papers", new Condition.Title(RouteRegex.compile("papers", "title", "^\\[Paper\\]"))),
      new RouteRule("ai", new Condition.Category(Set.of("AI", "ML", "Alignment"))));

  static String fingerprint(CleanerConfig cleaner, List<RouteRule> routes) {
    return ConfigFingerprint.of(cleaner, routes, StreamsSettings.DEFAULT_MAX_POST_SIZE);
  }

  @Test
  void equalSettingsBuiltSeparatelyHaveTheSameFingerprint() {
    List<RouteRule> again = List.of(new RouteRule("papers", new Condition.Title(RouteRegex.compile("papers", "title", "^\\[Paper\\]"))),
        new RouteRule("ai", new Condition.Category(Set.of("Alignment", "ML", "AI"))));
    assertThat(fingerprint(CleanerConfig.defaults(), again)).isEqualTo(fingerprint(CleanerConfig.defaults(), ROUTES)).hasSize(16);
  }

  @Test
  void aBoilerplateRuleARouteOrTheRecordBudgetChangesIt() {
    String base = fingerprint(CleanerConfig.defaults(), ROUTES);
    List<BoilerplateRule> rules = new ArrayList<>(BoilerplateRule.lesswrong());
    rules.add(BoilerplateRule.trailingBlock("subscribe", "Subscribe now"));
    assertThat(fingerprint(CleanerConfig.defaults().withBoilerplateRules(rules), ROUTES)).isNotEqualTo(base);
    assertThat(fingerprint(CleanerConfig.defaults().withExcerptMaxChars(200), ROUTES)).isNotEqualTo(base);
    assertThat(fingerprint(CleanerConfig.defaults(), ROUTES.subList(0, 1))).isNotEqualTo(base);
    assertThat(ConfigFingerprint.of(CleanerConfig.defaults(), ROUTES, 2 * StreamsSettings.DEFAULT_MAX_POST_SIZE)).isNotEqualTo(base);
  }

  @Test
  void aRegexFlagThatTheRuleDescriptionLeavesOutChangesIt() {
    var plain = List.of(new RouteRule("papers", Set.of(), Set.of(), Pattern.compile("^paper")));
    var caseless = List.of(new RouteRule("papers", Set.of(), Set.of(), Pattern.compile("^paper", Pattern.CASE_INSENSITIVE)));
    assertThat(fingerprint(CleanerConfig.defaults(), caseless)).isNotEqualTo(fingerprint(CleanerConfig.defaults(), plain));
  }
}
