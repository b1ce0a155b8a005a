package io.feedpipe.producer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.parse.ParsedEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostIdentityTest {

  private static ParsedEntry entry(String guid, String link, String title, Instant published) {
    return new ParsedEntry(guid, link, title, List.of(), List.of(), published, null, null, null);
  }

  @Test
  void guidWinsOverLinkAndIsScopedByFeed() {
    assertThat(PostIdentity.of("lw", entry("1d86e0e64f24efc65", "https://x.org/a", "t", null))).isEqualTo("lw:1d86e0e64f24efc65");
  }

  @Test
  void guidIsUsedVerbatimApartFromSurroundingWhitespace() {
    assertThat(PostIdentity.of("f", entry("  https://Example.org/?p=12#x \n", null, null, null))).isEqualTo("f:https://Example.org/?p=12#x");
  }

  @Test
  void blankGuidFallsBackToNormalizedLink() {
    assertThat(PostIdentity.of("f", entry("  ", "HTTPS://Example.org:443/a/?utm_source=rss#top", "t", null)))
        .isEqualTo("f:https://example.org/a");
  }

  @Test
  void withoutGuidAndLinkTheIdIsTheHashOfTitleAndPublished() throws Exception {
    Instant published = Instant.parse("2025-12-08T20:03:00Z");
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("Title\n2025-12-08T20:03:00Z".getBytes(StandardCharsets.UTF_8)));

    assertThat(PostIdentity.of("f", entry(null, null, "Title", published))).isEqualTo("f:sha256:" + expected);
    assertThat(PostIdentity.of("f", entry(null, " ", "Title", published))).isEqualTo("f:sha256:" + expected);
  }

  @Test
  void hashIdIsStableAndTellsPostsApart() {
    Instant day = Instant.parse("2025-12-08T00:00:00Z");
    assertThat(PostIdentity.of("f", entry(null, null, "A", day))).isEqualTo(PostIdentity.of("f", entry(null, null, "A", day)));
    assertThat(PostIdentity.of("f", entry(null, null, "A", day))).isNotEqualTo(PostIdentity.of("f", entry(null, null, "B", day)));
    assertThat(PostIdentity.of("f", entry(null, null, null, null))).startsWith("f:sha256:").hasSize("f:sha256:".length() + 64);
  }

  @Test
  void sameEntryInTwoFeedsGetsTwoIds() {
    ParsedEntry e = entry("g", null, null, null);
    assertThat(PostIdentity.of("a", e)).isNotEqualTo(PostIdentity.of("b", e));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "HTTPS://WWW.Example.ORG/Path/Post  | https://www.example.org/Path/Post",
    "http://example.org:80/a            | http://example.org/a",
    "https://example.org:443/a          | https://example.org/a",
    "https://example.org:8443/a         | https://example.org:8443/a",
    "http://example.org:443/a           | http://example.org:443/a",
    "https://example.org/a/#comments    | https://example.org/a",
    "https://example.org/               | https://example.org",
    "https://example.org/a//            | https://example.org/a",
    "https://example.org/a?utm_source=rss&utm_medium=feed      | https://example.org/a",
    "https://example.org/a?id=7&UTM_Campaign=x&fbclid=1&gclid=2 | https://example.org/a?id=7",
    "https://example.org/a?b=2&a=1&utm_x=3 | https://example.org/a?b=2&a=1",
    "https://example.org/a%20b?q=A%20B  | https://example.org/a%20b?q=A%20B",
    "'  https://example.org/a  '        | https://example.org/a",
    "/relative/link/                    | /relative/link/",
    "not a url at all                   | not a url at all",
  })
  void normalizesCosmeticVariantsOfALink(String link, String normalized) {
    assertThat(LinkNormalizer.normalize(link)).isEqualTo(normalized);
  }
}
