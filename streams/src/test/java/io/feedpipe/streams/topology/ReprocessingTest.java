package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.streams.clean.BoilerplateRule;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.dedupe.ReprocessDecider;
import io.feedpipe.streams.route.RouteRule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Posts written by the topology under some rules, judged again under others: only a changed text,
 * HTML or route set makes revision n+1, saying why; judging again under the same rules does nothing.
 */
class ReprocessingTest {
  static final Instant T0 = FeedpipeTopologyTest.T0;
  static final RouteRule LINKPOSTS = new RouteRule("linkposts", Set.of(), Set.of(), Pattern.compile("^\\[Linkpost\\]"));
  static final RouteRule PAPERS = new RouteRule("papers", Set.of(), Set.of(), Pattern.compile("^\\[Paper\\]"));

  @TempDir Path stateDir;

  final FetchedPost withNewsletter = FeedpipeTopologyTest.post("n1", "Notes",
      "<p>Some words about feeds and their readers.</p><p>Subscribe to our newsletter</p>", T0);
  final FetchedPost plain = FeedpipeTopologyTest.post("p1", "Plain", "<p>Nothing to strip in here.</p>", T0);
  final FetchedPost paper = FeedpipeTopologyTest.post("x1", "[Paper] Results", "<p>We measured things.</p>", T0);

  StreamsSettings before;
  StreamsSettings after;
  Reprocessing reprocessing;

  @BeforeEach
  void rules() {
    before = StreamsSettings.defaults(List.of(LINKPOSTS), stateDir);
    List<BoilerplateRule> boilerplate = new ArrayList<>(BoilerplateRule.lesswrong());
    boilerplate.add(BoilerplateRule.trailingBlock("newsletter", "Subscribe to our newsletter"));
    after = withCleaner(StreamsSettings.defaults(List.of(LINKPOSTS, PAPERS), stateDir), CleanerConfig.defaults().withBoilerplateRules(boilerplate));
    reprocessing = Reprocessing.of(after);
  }

  static StreamsSettings withCleaner(StreamsSettings s, CleanerConfig cleaner) {
    return new StreamsSettings(s.applicationId(), s.topics(), cleaner, s.routes(), s.dedupeRetention(), s.threads(), s.stateDir(),
        s.rocksDbMemory(), s.maxPostSize(), s.health());
  }

  /** What the store holds for each post after the live topology under {@code settings} saw it. */
  PostState written(StreamsSettings settings, FetchedPost post) {
    try (TopologyHarness topology = new TopologyHarness(settings)) {
      topology.send(post);
      KeyValueStore<String, PostState> store = topology.driver.getKeyValueStore(FeedpipeTopology.DEDUPE_STORE);
      return store.get(post.getPostId());
    }
  }

  @Test
  void theLivePathStampsEveryRevisionWithItsOutputRoutesAndRules() {
    PostState state = written(before, paper);
    assertThat(state.getOutputHash()).hasSize(64);
    assertThat(state.getRoutes()).isEmpty();
    assertThat(state.getConfigFingerprint()).isEqualTo(ConfigFingerprint.of(before));
    assertThat(written(after, paper).getRoutes()).containsExactly("papers");
  }

  @Test
  void textCutByANewBoilerplateRuleBecomesTheNextRevisionSayingWhy() {
    PostState stored = written(before, withNewsletter);
    Reprocessing.Result result = reprocessing.judge(stored, withNewsletter);

    assertThat(result.verdict()).isInstanceOf(ReprocessDecider.Changed.class);
    assertThat(result.post().getRevision()).isEqualTo(2);
    assertThat(result.post().getText()).doesNotContain("Subscribe");
    assertThat(result.post().getPreviousContentHash()).isEqualTo(stored.getContentHash());
    assertThat(result.post().getEdit().getSummary()).isEqualTo("reprocessed: cleaning rules changed the text (+0 -4 words)");
    assertThat(result.post().getFirstSeenAt()).isEqualTo(stored.getFirstSeenAt());
    assertThat(result.state().getRevision()).isEqualTo(2);
    assertThat(result.state().getContentHash()).isEqualTo(result.post().getContentHash()).isNotEqualTo(stored.getContentHash());
    assertThat(result.state().getSourceHash()).isEqualTo(stored.getSourceHash());
    assertThat(result.state().getConfigFingerprint()).isEqualTo(reprocessing.fingerprint());
  }

  @Test
  void aPostNewlyMatchingARouteBecomesTheNextRevisionNamingTheRoute() {
    Reprocessing.Result result = reprocessing.judge(written(before, paper), paper);

    assertThat(result.post().getRevision()).isEqualTo(2);
    assertThat(result.post().getEdit().getSummary()).isEqualTo("reprocessed: routes changed: +papers");
    assertThat(result.post().getEdit().getTextChanged()).isFalse();
    assertThat(result.state().getRoutes()).containsExactly("papers");
  }

  @Test
  void aPostTheNewRulesDoNotChangeOnlyRemembersTheRules() {
    PostState stored = written(before, plain);
    Reprocessing.Result result = reprocessing.judge(stored, plain);

    assertThat(result.verdict()).isInstanceOf(ReprocessDecider.Unchanged.class);
    assertThat(result.post()).isNull();
    assertThat(result.state()).isEqualTo(PostState.newBuilder(stored).setConfigFingerprint(reprocessing.fingerprint()).build());
  }

  @Test
  void judgingAgainUnderTheSameRulesDoesNothing() {
    Reprocessing.Result first = reprocessing.judge(written(before, withNewsletter), withNewsletter);
    Reprocessing.Result again = reprocessing.judge(first.state(), withNewsletter);

    assertThat(again.verdict()).isInstanceOf(ReprocessDecider.Current.class);
    assertThat(again.state()).isNull();
    assertThat(again.post()).isNull();
    assertThat(reprocessing.judge(written(after, withNewsletter), withNewsletter).verdict())
        .as("written under the current rules already").isInstanceOf(ReprocessDecider.Current.class);
  }

  @Test
  void anOlderFetchThanTheStoredOneIsNotJudged() {
    FetchedPost edited = FeedpipeTopologyTest.post("p1", "Plain", "<p>Nothing to strip in here, still.</p>", T0.plus(Duration.ofHours(1)));
    PostState stored;
    try (TopologyHarness topology = new TopologyHarness(before)) {
      topology.send(plain);
      topology.send(edited);
      stored = topology.driver.<String, PostState>getKeyValueStore(FeedpipeTopology.DEDUPE_STORE).get(plain.getPostId());
    }
    assertThat(reprocessing.judge(stored, plain).verdict()).isInstanceOf(ReprocessDecider.Superseded.class);
    assertThat(reprocessing.judge(null, plain).verdict()).isInstanceOf(ReprocessDecider.UnknownPost.class);
  }

  @Test
  void aStateFromBeforeStampsWithTheSameTextGetsStampedWithoutARevision() {
    PostState legacy = PostState.newBuilder(written(before, paper)).setOutputHash(null).setRoutes(null).setConfigFingerprint(null).build();
    Reprocessing.Result result = reprocessing.judge(legacy, paper);

    assertThat(result.verdict()).isInstanceOf(ReprocessDecider.Unchanged.class);
    assertThat(result.post()).isNull();
    assertThat(result.state().getRoutes()).containsExactly("papers");
    assertThat(result.state().getOutputHash()).isNotNull();
  }
}
