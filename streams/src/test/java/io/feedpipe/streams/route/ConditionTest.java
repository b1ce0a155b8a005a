package io.feedpipe.streams.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

/** Each condition and combinator of the rule language, and that explain() agrees with matches(). */
class ConditionTest {

  static CleanPost.Builder post() {
    Instant t = Instant.EPOCH;
    return CleanPost.newBuilder().setPostId("lw:1").setRevision(1).setTitle("[Paper] Scaling laws").setLink(null)
        .setAuthors(List.of("Jane Doe", "Bob")).setCategories(List.of("AI", "Rationality")).setPublishedAt(null)
        .setUpdatedAt(null).setText("We study scaling laws.\n\nThe results hold.").setHtml("").setExcerpt("")
        .setWordCount(7).setOutboundLinks(List.of()).setContentHash("h").setPreviousContentHash(null).setFeedId("lesswrong")
        .setFeedUrl("file:/f").setFirstSeenAt(t).setLastSeenAt(t).setFetchId("f").setLanguage("en-US");
  }

  static void assertMatch(Condition c, CleanPost post, boolean expected) {
    assertThat(c.matches(post)).as("%s matches", c.describe()).isEqualTo(expected);
    assertThat(c.explain(post).matched()).as("%s explained", c.describe()).isEqualTo(expected);
  }

  @Test
  void feedIsAnyOfTheIdsExactly() {
    assertMatch(new Condition.Feed(Set.of("lesswrong", "acx")), post().build(), true);
    assertMatch(new Condition.Feed(Set.of("LessWrong")), post().build(), false);
  }

  @Test
  void authorIsAnyOfTheNamesIgnoringCase() {
    assertMatch(new Condition.Author(Set.of("jane doe")), post().build(), true);
    assertMatch(new Condition.Author(Set.of("Jane")), post().build(), false);
    assertMatch(new Condition.Author(Set.of("x")), post().setAuthors(List.of()).build(), false);
  }

  @Test
  void categoryIsAnyOfTheNamesIgnoringCase() {
    assertMatch(new Condition.Category(Set.of("ai", "ML")), post().build(), true);
    assertMatch(new Condition.Category(Set.of("Economics")), post().build(), false);
  }

  @Test
  void languageMatchesTheTagOrItsSubtags() {
    assertMatch(new Condition.Language(Set.of("en")), post().build(), true);
    assertMatch(new Condition.Language(Set.of("en_us")), post().build(), true);
    assertMatch(new Condition.Language(Set.of("en-gb")), post().build(), false);
    assertMatch(new Condition.Language(Set.of("e")), post().build(), false);
    assertMatch(new Condition.Language(Set.of("en")), post().setLanguage(null).build(), false);
  }

  @Test
  void titleRegexIsSearchedInThePlainTitle() {
    assertMatch(new Condition.Title(Pattern.compile("^\\[Paper\\]")), post().build(), true);
    assertMatch(new Condition.Title(Pattern.compile("^Scaling")), post().build(), false);
    assertMatch(new Condition.Title(Pattern.compile("(?i)scaling")), post().build(), true);
  }

  @Test
  void textRegexIsSearchedInThePlainText() {
    assertMatch(new Condition.Text(Pattern.compile("results hold")), post().build(), true);
    assertMatch(new Condition.Text(Pattern.compile("^The results", Pattern.MULTILINE)), post().build(), true);
    assertMatch(new Condition.Text(Pattern.compile("transformer")), post().build(), false);
    assertThat(new Condition.Text(Pattern.compile("results")).explain(post().build()).because()).contains("'results'");
  }

  @Test
  void wordsBoundsAreInclusiveAndEitherMayBeLeftOut() {
    assertMatch(new Condition.Words(7, null), post().build(), true);
    assertMatch(new Condition.Words(8, null), post().build(), false);
    assertMatch(new Condition.Words(null, 7), post().build(), true);
    assertMatch(new Condition.Words(null, 6), post().build(), false);
    assertMatch(new Condition.Words(1, 10), post().build(), true);
  }

  @Test
  void revisionTellsNewFromEdit() {
    assertMatch(new Condition.Revision(Condition.Revision.Kind.NEW), post().build(), true);
    assertMatch(new Condition.Revision(Condition.Revision.Kind.EDIT), post().build(), false);
    assertMatch(new Condition.Revision(Condition.Revision.Kind.EDIT), post().setRevision(2).build(), true);
  }

  @Test
  void allNeedsEveryCondition() {
    Condition yes = new Condition.Feed(Set.of("lesswrong"));
    Condition no = new Condition.Words(1000, null);
    assertMatch(new Condition.All(List.of(yes, yes)), post().build(), true);
    assertMatch(new Condition.All(List.of(yes, no)), post().build(), false);
    assertThat(new Condition.All(List.of(yes, no)).explain(post().build()).because()).isEqualTo("1 of 2 hold");
  }

  @Test
  void anyNeedsOneCondition() {
    Condition yes = new Condition.Feed(Set.of("lesswrong"));
    Condition no = new Condition.Words(1000, null);
    assertMatch(new Condition.Any(List.of(no, yes)), post().build(), true);
    assertMatch(new Condition.Any(List.of(no, no)), post().build(), false);
  }

  @Test
  void notInverts() {
    assertMatch(new Condition.Not(new Condition.Feed(Set.of("lesswrong"))), post().build(), false);
    assertMatch(new Condition.Not(new Condition.Feed(Set.of("acx"))), post().build(), true);
  }

  @Test
  void combinatorsNest() {
    // long AI posts, or any paper, but never edits
    Condition c = RouteRuleReader.condition("r", "when", Map.of("all", List.of(
        Map.of("any", List.of(Map.of("category", "AI", "words", Map.of("min", 2000)), Map.of("title", "^\\[Paper\\]"))),
        Map.of("not", Map.of("revision", "edit")))));
    assertMatch(c, post().build(), true);
    assertMatch(c, post().setRevision(3).build(), false);
    assertMatch(c, post().setTitle("Scaling").build(), false);
    assertMatch(c, post().setTitle("Scaling").setWordCount(2500).build(), true);
  }

  @Test
  void explanationRendersOneLinePerCondition() {
    RouteRule rule = new RouteRule("r", new Condition.All(List.of(new Condition.Feed(Set.of("lesswrong")), new Condition.Words(100, null))));
    String rendered = rule.explain(post().build()).render("  ");
    assertThat(rendered).isEqualTo("""
          [ ] all of  (1 of 2 hold)
              [x] feed 'lesswrong'  (feed is 'lesswrong')
              [ ] words >= 100  (7 words)
        """);
  }
}
