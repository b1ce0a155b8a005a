package io.feedpipe.streams.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading rules from the plain tree a YAML parser gives, and errors that name the rule and field. */
class RouteRuleReaderTest {

  static Map<String, Object> rule(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void ruleWritesToItsDefaultTopicUnlessItNamesOne() {
    List<RouteRule> rules = RouteRuleReader.readAll(List.of(
        rule("name", "papers", "when", Map.of("title", "^\\[Paper\\]")),
        rule("name", "long-ai", "topic", "ai.longreads", "when", Map.of("all", List.of(Map.of("category", "AI"), Map.of("words", Map.of("min", 2000)))))));
    assertThat(rules).extracting(RouteRule::topic).containsExactly("posts.route.papers", "ai.longreads");
    assertThat(rules.get(0).usesDefaultTopic()).isTrue();
    assertThat(rules.get(1).usesDefaultTopic()).isFalse();
    assertThat(rules.get(1).when()).isEqualTo(new Condition.All(List.of(
        new Condition.Category(java.util.Set.of("AI")), new Condition.Words(2000, null))));
  }

  @Test
  void severalKeysInOneWhenAreAllOfThem() {
    RouteRule r = RouteRuleReader.read(rule("name", "x", "when", rule("feed", "lw", "language", List.of("en", "de"))), 0);
    assertThat(r.when()).isInstanceOf(Condition.All.class);
    assertThat(((Condition.All) r.when()).conditions()).hasSize(2);
  }

  @Test
  void firstReleaseFormStillReads() {
    RouteRule r = RouteRuleReader.read(rule("name", "lw-linkposts", "feeds", List.of("lesswrong"), "title", "^\\[Linkpost\\]"), 0);
    assertThat(r.when().describe()).isEqualTo("all of [feed 'lesswrong', title ~ /^\\[Linkpost\\]/]");
  }

  @Test
  void errorsNameTheRuleAndTheField() {
    assertError(rule("name", "long-ai", "when", Map.of("all", List.of(Map.of("category", "AI"), Map.of("words", Map.of("min", "lots"))))),
        "long-ai", "when.all[1].words.min", "must be a whole number, got 'lots'");
    assertError(rule("name", "p", "when", Map.of("title", "[unclosed")), "p", "when.title", "is not a valid regular expression");
    assertError(rule("name", "p", "when", Map.of("text", "(a)\\1")), "p", "when.text", "is not a valid regular expression");
    assertError(rule("name", "p", "when", Map.of("title", "^(?!Re:)")), "p", "when.title", "lookarounds");
    assertError(rule("name", "p", "when", Map.of("titel", "x")), "p", "when.titel", "is not a condition");
    assertError(rule("name", "p", "when", Map.of("categories", "x")), "p", "when.categories", "write category");
    assertError(rule("name", "p", "when", Map.of("revision", "maybe")), "p", "when.revision", "must be 'new'");
    assertError(rule("name", "p", "when", Map.of("words", Map.of("min", 10, "max", 5))), "p", "when.words", "greater than max");
    assertError(rule("name", "p", "when", Map.of("any", List.of())), "p", "when.any", "non-empty list");
    assertError(rule("name", "p", "when", Map.of("not", "x")), "p", "when.not", "must be a mapping");
    assertError(rule("name", "p"), "p", "when", "is required");
    assertError(rule("name", "p", "when", Map.of("feed", "x"), "colour", "red"), "p", "colour", "is not a setting of a rule");
    assertError(rule("name", "p", "topic", "posts.clean", "when", Map.of("feed", "x")), "p", "topic", "feedpipe's own topics");
    assertError(rule("name", "p", "topic", "bad topic", "when", Map.of("feed", "x")), "p", "topic", "not a valid Kafka topic name");
    assertError(rule("name", "bad name", "when", Map.of("feed", "x")), "bad name", "name", "letters, digits");
    assertError(rule("when", Map.of("feed", "x")), "#0", "name", "is required");
  }

  @Test
  void namesAndTopicsMustBeUnique() {
    assertThatThrownBy(() -> RouteRuleReader.readAll(List.of(
        rule("name", "a", "when", Map.of("feed", "x")), rule("name", "a", "when", Map.of("feed", "y")))))
        .hasMessage("route 'a': name is used by two rules");
    assertThatThrownBy(() -> RouteRuleReader.readAll(List.of(
        rule("name", "a", "topic", "t", "when", Map.of("feed", "x")), rule("name", "b", "topic", "t", "when", Map.of("feed", "y")))))
        .hasMessageContaining("route 'b': topic 't' is also the topic of rule 'a'");
  }

  private static void assertError(Map<String, Object> spec, String rule, String field, String problem) {
    assertThatThrownBy(() -> RouteRuleReader.read(spec, 0))
        .isInstanceOfSatisfying(RouteConfigException.class, e -> {
          assertThat(e.rule()).isEqualTo(rule);
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.problem()).contains(problem);
          assertThat(e.getMessage()).startsWith("route '" + rule + "': " + field);
        });
  }
}
