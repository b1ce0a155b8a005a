package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchPostsTest {
  private static final List<FixturePost> FIXTURE = FixturePosts.load(Path.of("no-such-home")); // falls back to the test classpath
  private final BenchPosts posts = new BenchPosts(FIXTURE, 42);

  @Test
  void fixtureHasTheTwentyLessWrongPostsTakenApartIntoBlocks() {
    assertThat(FIXTURE).hasSize(20);
    assertThat(FIXTURE).allSatisfy(post -> {
      assertThat(post.blocks()).isNotEmpty();
      assertThat(String.join("", post.blocks())).doesNotStartWith("Published on").doesNotContain("Discuss</a>");
    });
  }

  @Test
  void everyPostIsBetweenTenAndTwentyFiveKilobytesAndShapedLikeLessWrongs() {
    IntStream.range(0, 500).mapToObj(posts::post).forEach(post -> {
      assertThat(post.html().length()).as("post %d", post.index()).isBetween(BenchPosts.MIN_CHARS, BenchPosts.MAX_CHARS);
      assertThat(post.html()).startsWith("Published on ").contains(" GMT<br/><br/><p>Benchmark copy " + post.index() + ":")
          .endsWith("#comments\">Discuss</a>");
    });
  }

  @Test
  void idsTitlesLinksAndTextsAreDistinctAndSizesVary() {
    Set<String> guids = new HashSet<>();
    Set<String> links = new HashSet<>();
    Set<String> texts = new HashSet<>();
    Set<Integer> sizeBuckets = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      BenchPost post = posts.post(i);
      guids.add(post.guid());
      links.add(post.link());
      texts.add(post.html());
      sizeBuckets.add(post.html().length() / 2_500);
    }
    assertThat(guids).hasSize(400);
    assertThat(links).hasSize(400);
    assertThat(texts).hasSize(400);
    assertThat(sizeBuckets).as("sizes spread over 10-25 KB").hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void somePostsCarryMathJaxAndTheFixturesRoutedTitles() {
    List<BenchPost> first = IntStream.range(0, 200).mapToObj(posts::post).toList();
    assertThat(first).anySatisfy(post -> assertThat(post.html()).contains("mjx-math").contains(".mjx-chtml {"));
    assertThat(first).anySatisfy(post -> assertThat(post.title()).startsWith("[Paper]"));
    assertThat(first).anySatisfy(post -> assertThat(post.title()).startsWith("[Linkpost]"));
  }

  @Test
  void aPostIsTheSameEveryTimeForTheSameSeed() {
    assertThat(posts.post(1234)).isEqualTo(new BenchPosts(FIXTURE, 42).post(1234));
    assertThat(posts.post(1234).html()).isNotEqualTo(new BenchPosts(FIXTURE, 43).post(1234).html());
  }

  @Test
  void theCleanerKeepsThePostsTextAndDropsLessWrongsHeadTailAndCss() {
    BenchPost post = IntStream.range(0, 200).mapToObj(posts::post).filter(p -> p.html().contains(".mjx-chtml {")).findFirst().orElseThrow();
    CleanedContent clean = new HtmlCleaner(CleanerConfig.defaults()).clean(post.html(), post.link());
    assertThat(clean.text()).startsWith("Benchmark copy " + post.index() + ":").doesNotContain("Published on").doesNotContain(".mjx-chtml");
    assertThat(clean.wordCount()).isGreaterThan(300);
  }
}
