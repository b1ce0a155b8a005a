package io.feedpipe.benchmarks;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.dedupe.DedupeDecider;
import io.feedpipe.streams.dedupe.DedupeDecision;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.dedupe.SourceHash;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.streams.topology.Reprocessing;
import io.feedpipe.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What reprocessing costs, per post over the 20 LessWrong posts, next to cleaning the same post:
 * <ul>
 *   <li>{@code clean}: the cleaner alone (the peer: what every new revision costs anyway);
 *   <li>{@code stampRevision}: what the live path adds to every revision it writes (output hash
 *       over title, text and HTML; the route rules evaluated; the state rebuilt);
 *   <li>{@code judgeUnderCurrentRules}: a reprocess record of a post judged under the current rules
 *       already (source hash, fingerprint compared; no cleaning);
 *   <li>{@code judgeUnderOtherRules}: a post judged again under other rules: cleaned, assembled,
 *       routed and compared.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReprocessBenchmark {

  static final int POSTS = 20;

  private HtmlCleaner cleaner;
  private Reprocessing reprocessing;
  private List<LessWrongPosts.Post> html;
  private List<FetchedPost> fetched;
  private List<PostState> current;
  private List<PostState> underOtherRules;
  private List<CleanPost> written;

  @Setup
  public void load() {
    List<RouteRule> routes = List.of(
        new RouteRule("linkposts", Set.of(), Set.of(), Pattern.compile("^\\[Linkpost\\]")),
        new RouteRule("papers", Set.of(), Set.of(), Pattern.compile("^\\[Paper\\]")),
        new RouteRule("lesswrong", Set.of("lesswrong"), Set.of(), null));
    StreamsSettings settings = StreamsSettings.defaults(routes, Path.of("unused"));
    cleaner = new HtmlCleaner(CleanerConfig.defaults());
    reprocessing = Reprocessing.of(settings);
    DedupeDecider decider = new DedupeDecider(Duration.ofDays(30), Duration.ofHours(12));
    Instant now = Instant.parse("2026-11-29T00:00:00Z");
    html = LessWrongPosts.load();
    fetched = new ArrayList<>();
    current = new ArrayList<>();
    underOtherRules = new ArrayList<>();
    written = new ArrayList<>();
    int i = 0;
    for (LessWrongPosts.Post p : html) {
      FetchedPost post = FetchedPost.newBuilder().setPostId("lw-" + i).setFeedId("lesswrong").setFeedUrl("https://www.lesswrong.com/feed.xml")
          .setTitle("Post " + i).setLink(p.link()).setContentHtml(p.html()).setFetchedAt(now).setFetchId("bench").build();
      String text = cleaner.clean(p.html(), p.link()).text();
      // Stored as written under other rules (a shorter text): judging it again makes revision 2.
      PostState other = PostState.newBuilder(decider.nextState(null, new DedupeDecision.New(),
          RevisionContent.of("Post " + i, text.substring(0, text.length() / 2)), SourceHash.of(post), now))
          .setOutputHash("other").setRoutes(List.of()).setConfigFingerprint("other rules").build();
      Reprocessing.Result result = reprocessing.judge(other, post);
      fetched.add(post);
      underOtherRules.add(other);
      current.add(result.state());
      written.add(result.post());
      i++;
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void clean(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(cleaner.clean(html.get(i).html(), html.get(i).link()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void stampRevision(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(reprocessing.stamped(current.get(i), written.get(i)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void judgeUnderCurrentRules(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(reprocessing.judge(current.get(i), fetched.get(i)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void judgeUnderOtherRules(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(reprocessing.judge(underOtherRules.get(i), fetched.get(i)));
    }
  }
}
