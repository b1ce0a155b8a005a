package io.feedpipe.streams.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BoundedRegexTest {

  @Test
  void findsAndReportsGroupsLikeAPlainMatcher() {
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(2_000);
    Matcher m = BoundedRegex.matcher(Pattern.compile("la(z+)y"), text, "the text");
    assertThat(m.find()).isTrue();
    assertThat(m.group()).isEqualTo("lazy");
    assertThat(m.group(1)).isEqualTo("z");
    assertThat(m.start()).isEqualTo(35);
    assertThat(BoundedRegex.find(Pattern.compile("(?i)QUICK\\s+BROWN"), text, "the text")).isTrue();
    assertThat(BoundedRegex.find(Pattern.compile("cat"), text, "the text")).isFalse();
  }

  @Test
  void ordinaryPatternsOverALongTextStayWithinTheBudget() {
    // Unanchored searches with alternation, classes and lazy quantifiers over ~90 K characters.
    String text = "word ".repeat(18_000) + "needle at the end";
    for (String regex : new String[] {"needle", "(?i)\\b(ai|alignment|needle)\\b", "n.*?end$", "[a-z]+ at the", "^(word )+needle"}) {
      assertThat(BoundedRegex.find(Pattern.compile(regex), text, "the text")).as(regex).isTrue();
    }
  }

  @Test
  void catastrophicBacktrackingGivesUpWithAMessageNamingThePattern() {
    // Java's regex engine memoizes the textbook (a+)+$ case since Java 9, but a repeated group
    // around a greedy wildcard is still polynomial of degree 11 here: hours without the budget, so
    // returning at all is the property (no time is asserted).
    String title = "1,".repeat(40) + "x";
    assertThatThrownBy(() -> BoundedRegex.find(Pattern.compile("(.*,){11}P"), title, "the title"))
        .isInstanceOf(RegexBudgetExceededException.class)
        .hasMessageContaining("/(.*,){11}P/")
        .hasMessageContaining("the title")
        .hasMessageContaining("nested quantifiers");
  }

  @Test
  void budgetGrowsWithTheInput() {
    assertThat(BoundedRegex.budgetFor(0)).isEqualTo(BoundedRegex.BASE_STEPS);
    assertThat(BoundedRegex.budgetFor(10_000)).isEqualTo(BoundedRegex.BASE_STEPS + 10_000 * BoundedRegex.STEPS_PER_CHAR);
  }
}
