package io.feedpipe.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.streams.clean.BoilerplateRule;
import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cleaner:} section: boilerplate rules and excerpt length, checked at start with errors naming the setting. */
class CleanerSectionTest {
  @TempDir Path dir;

  FeedpipeConfig load(String yaml) throws IOException {
    Path file = dir.resolve("feedpipe.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(Path.of("/opt/feedpipe")).load(Optional.of(file));
  }

  static final String BLOG_FOOTER = """
      cleaner:
        boilerplate:
          - name: blog-footer
            position: trailing-block
            text: 'The post .+ appeared first on Example Blog\\.'
          - name: blog-comments-link
            position: trailing-link
            text: '\\d+ comments'
            href: 'https://blog\\.example\\.org/.*#comments'
        excerpt-max-chars: 120
      """;

  @Test
  void defaultsAreLessWrongsRulesAnd300CharExcerpts() {
    FeedpipeConfig config = new ConfigLoader(Path.of("/opt/feedpipe")).load(Optional.empty());
    assertThat(config.streamsSettings().cleaner()).isEqualTo(CleanerConfig.defaults());
  }

  @Test
  void configuredRulesAndExcerptLengthReachTheStreamsSettings() throws IOException {
    CleanerConfig cleaner = load(BLOG_FOOTER).streamsSettings().cleaner();
    assertThat(cleaner.boilerplateRules()).containsExactly(
        BoilerplateRule.trailingBlock("blog-footer", "The post .+ appeared first on Example Blog\\."),
        BoilerplateRule.trailingLink("blog-comments-link", "\\d+ comments", "https://blog\\.example\\.org/.*#comments"));
    assertThat(cleaner.excerptMaxChars()).isEqualTo(120);
  }

  @Test
  void aConfiguredRuleIsAppliedByTheCleaner() throws IOException {
    HtmlCleaner cleaner = new HtmlCleaner(load(BLOG_FOOTER).streamsSettings().cleaner());
    CleanedContent cleaned = cleaner.clean("""
        <p>Real words about feeds.</p>
        <p>The post <a href="https://blog.example.org/p/1">Feeds</a> appeared first on Example Blog.</p>""",
        "https://blog.example.org/p/1");

    assertThat(cleaned.text()).isEqualTo("Real words about feeds.");
    assertThat(cleaned.html()).doesNotContain("appeared first");
    assertThat(new HtmlCleaner(CleanerConfig.defaults()).clean("<p>Real words.</p><p>The post X appeared first on Example Blog.</p>",
        "https://blog.example.org/p/1").text()).as("without the rule").contains("appeared first");
  }

  @Test
  void anEmptyListTurnsBoilerplateRemovalOff() throws IOException {
    assertThat(load("cleaner:\n  boilerplate: []\n").streamsSettings().cleaner().boilerplateRules()).isEmpty();
  }

  @Test
  void badRulesAreErrorsNamingTheSettingAndTheRule() {
    assertThatThrownBy(() -> load("""
        cleaner:
          boilerplate:
            - {name: footer, position: bottom, text: x}
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("cleaner.boilerplate[0].position must be one of leading-block, trailing-block, trailing-link, "
            + "got 'bottom' (rule 'footer')");
    assertThatThrownBy(() -> load("""
        cleaner:
          boilerplate:
            - {name: ok, position: leading-block, text: x}
            - {name: broken, position: trailing-block, text: '(unclosed'}
        """)).hasMessageContaining("cleaner.boilerplate[1].text is not a valid regular expression").hasMessageContaining("(rule 'broken')");
    assertThatThrownBy(() -> load("""
        cleaner:
          boilerplate:
            - {name: footer, position: trailing-block, text: x, href: '.*'}
        """)).hasMessageContaining("cleaner.boilerplate[0].href applies only to position trailing-link (rule 'footer')");
    assertThatThrownBy(() -> load("""
        cleaner:
          boilerplate:
            - {name: twice, position: leading-block, text: x}
            - {name: twice, position: trailing-block, text: y}
        """)).hasMessageContaining("cleaner.boilerplate[1].name 'twice' is the name of an earlier rule too");
    assertThatThrownBy(() -> load("cleaner:\n  boilerplate:\n    - {name: x, position: leading-block}\n"))
        .hasMessageContaining("cleaner.boilerplate[0].text is required");
    assertThatThrownBy(() -> load("cleaner:\n  boilerplate:\n    - {name: x, position: leading-block, txt: y}\n"))
        .hasMessageContaining("cleaner.boilerplate[0].txt is not a setting");
  }

  @Test
  void excerptLengthOutOfRangeNamesTheSetting() {
    assertThatThrownBy(() -> load("cleaner:\n  excerpt-max-chars: 5\n"))
        .hasMessageContaining("cleaner.excerpt-max-chars must be between 20 and 10000, got 5");
    assertThatThrownBy(() -> load("cleaner:\n  excerpt-length: 100\n"))
        .hasMessageContaining("cleaner.excerpt-length is not a setting");
  }
}
