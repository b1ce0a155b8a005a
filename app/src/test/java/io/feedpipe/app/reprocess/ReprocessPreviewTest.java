package io.feedpipe.app.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.streams.clean.BoilerplateRule;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.topology.PostRevisions;
import io.feedpipe.streams.topology.Reprocessing;
import io.feedpipe.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dry run applies each outcome as the Streams app would: a post seen twice changes once. */
class ReprocessPreviewTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  static FetchedPost post(String id, String html) {
    return FetchedPost.newBuilder().setPostId("lw:" + id).setFeedId("lw").setFeedUrl("https://example.org/feed.xml").setEntryGuid(id)
        .setLink("https://example.org/" + id).setTitle("Post " + id).setAuthors(List.of()).setCategories(List.of()).setPublishedAt(T0)
        .setUpdatedAt(null).setContentHtml(html).setSummaryHtml(null).setLanguage("en").setFetchedAt(T0).setFetchId("f").build();
  }

  @Test
  void countsEachVerdictAndKeepsTheChangesAsSamples() {
    StreamsSettings before = StreamsSettings.defaults(List.of(), Path.of("unused"));
    List<BoilerplateRule> rules = new ArrayList<>(BoilerplateRule.lesswrong());
    rules.add(BoilerplateRule.trailingBlock("newsletter", "Subscribe to our newsletter"));
    StreamsSettings after = new StreamsSettings(before.applicationId(), before.topics(), CleanerConfig.defaults().withBoilerplateRules(rules),
        before.routes(), before.dedupeRetention(), before.threads(), before.stateDir(), before.rocksDbMemory(), before.maxPostSize(),
        before.health());
    FetchedPost footer = post("1", "<p>Words about feeds and readers.</p><p>Subscribe to our newsletter</p>");
    FetchedPost plain = post("2", "<p>Nothing to strip here.</p>");
    PostRevisions revisions = PostRevisions.of(before);
    Map<String, PostState> states = new HashMap<>();
    states.put(footer.getPostId(), revisions.stateOf(null, footer));
    states.put(plain.getPostId(), revisions.stateOf(null, plain));

    ReprocessPreview preview = new ReprocessPreview(Reprocessing.of(after), states, 5);
    preview.judge(footer);
    preview.judge(plain);
    preview.judge(footer); // a second copy finds the rules current
    preview.judge(post("3", "<p>Never seen.</p>"));

    assertThat(preview.changed()).isEqualTo(1);
    assertThat(preview.verdicts()).containsOnly(Map.entry("changed", 1L), Map.entry("unchanged", 1L), Map.entry("rules unchanged", 1L),
        Map.entry("unknown post", 1L));
    assertThat(preview.samples()).singleElement().satisfies(change -> {
      assertThat(change.postId()).isEqualTo("lw:1");
      assertThat(change.fromRevision()).isEqualTo(1);
      assertThat(change.after().getRevision()).isEqualTo(2);
      assertThat(change.after().getEdit().getSummary()).startsWith("reprocessed: cleaning rules changed the text");
    });
  }
}
