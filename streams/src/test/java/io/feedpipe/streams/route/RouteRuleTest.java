package io.feedpipe.streams.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.schemas.CleanPost;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RouteRuleTest {

  static CleanPost post(String feed, String title, List<String> categories) {
    Instant t = Instant.EPOCH;
    return CleanPost.newBuilder().setPostId(feed + ":1").setRevision(1).setTitle(title).setLink(null)
        .setAuthors(List.of()).setCategories(categories).setPublishedAt(null).setUpdatedAt(null).setText("")
        .setHtml("").setExcerpt("").setWordCount(0).setOutboundLinks(List.of()).setContentHash("h")
        .setPreviousContentHash(null).setFeedId(feed).setFeedUrl("file:/f").setFirstSeenAt(t).setLastSeenAt(t)
        .setFetchId("f").build();
  }

  @Test
  void titlePatternIsSearchedInThePlainTitle() {
    var rule = new RouteRule("papers", null, null, Pattern.compile("^\\[Paper\\]"));
    assertThat(rule.matches(post("lw", "[Paper] Results", List.of()))).isTrue();
    assertThat(rule.matches(post("lw", "On [Paper] things", List.of()))).isFalse();
  }

  @Test
  void categoryMatchIsCaseInsensitiveAndAnyOf() {
    var rule = new RouteRule("ai", null, Set.of("AI", "ML"), null);
    assertThat(rule.matches(post("lw", "t", List.of("Rationality", "ai")))).isTrue();
    assertThat(rule.matches(post("lw", "t", List.of("Rationality")))).isFalse();
  }

  @Test
  void allSetConditionsMustHold() {
    var rule = new RouteRule("lw-ai", Set.of("lw"), Set.of("ai"), null);
    assertThat(rule.matches(post("lw", "t", List.of("AI")))).isTrue();
    assertThat(rule.matches(post("other", "t", List.of("AI")))).isFalse();
  }

  @Test
  void ruleWithoutConditionsOrWithBadNameIsRejectedNamingTheRule() {
    assertThatThrownBy(() -> new RouteRule("empty", null, null, null)).hasMessageContaining("route 'empty'");
    assertThatThrownBy(() -> new RouteRule("bad name", null, null, Pattern.compile("x"))).hasMessageContaining("route 'bad name'");
  }

  @Test
  void catastrophicBacktrackingPatternsRunInLinearTime() {
    // Under java.util.regex each of these takes exponential time or overflows the stack on such
    // posts; under RE2 they are ordinary searches.
    CleanPost commas = post("lw", "1,".repeat(40) + "x", List.of());
    assertThat(new RouteRule("greedy", Set.of(), Set.of(), Pattern.compile("(.*,){11}P")).matches(commas)).isFalse();
    CleanPost letters = post("lw", "ab".repeat(60_000) + "c", List.of());
    assertThat(new RouteRule("alternation", Set.of(), Set.of(), Pattern.compile("(a|b)+$")).matches(letters)).isFalse();
    assertThat(new RouteRule("nested", Set.of(), Set.of(), Pattern.compile("^(a+)+$")).matches(letters)).isFalse();
    assertThat(new RouteRule("found", Set.of(), Set.of(), Pattern.compile("(a|b)+c$")).matches(letters)).isTrue();
  }

  @Test
  void javaPatternFlagsCarryOverAndUnsupportedSyntaxIsRefusedNamingTheRule() {
    CleanPost post = post("lw", "Scaling Laws", List.of());
    assertThat(new RouteRule("ci", Set.of(), Set.of(), Pattern.compile("^scaling", Pattern.CASE_INSENSITIVE)).matches(post)).isTrue();
    assertThatThrownBy(() -> new RouteRule("look", Set.of(), Set.of(), Pattern.compile("Scaling(?= Laws)")))
        .isInstanceOf(RouteConfigException.class).hasMessageStartingWith("route 'look': title is not a valid regular expression")
        .hasMessageContaining("lookarounds");
  }
}
