package io.feedpipe.benchmarks;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.dedupe.DedupeDecider;
import io.feedpipe.streams.dedupe.DedupeDecision;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.dedupe.SourceHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The dedupe decision without Kafka or RocksDB, per post over the 20 LessWrong posts:
 * <ul>
 *   <li>{@code repeatBySourceHash}: the fast path most fetches take, a repeat recognised by the hash
 *       of the entry as fetched (no cleaning);
 *   <li>{@code decideRevision}: after cleaning, the content hashes and word sketch of the revision,
 *       the decision against the stored state and the state to store next (an edit here).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DedupeBenchmark {

  static final int POSTS = 20;

  private List<FetchedPost> fetched;
  private List<String> storedSourceHashes;
  private List<String> titles;
  private List<String> texts;
  private List<PostState> previous;
  private DedupeDecider decider;
  private Instant now;

  @Setup
  public void load() {
    HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());
    decider = new DedupeDecider(Duration.ofDays(30), Duration.ofHours(12));
    now = Instant.parse("2026-11-29T00:00:00Z");
    fetched = new ArrayList<>();
    storedSourceHashes = new ArrayList<>();
    titles = new ArrayList<>();
    texts = new ArrayList<>();
    previous = new ArrayList<>();
    int i = 0;
    for (LessWrongPosts.Post p : LessWrongPosts.load()) {
      FetchedPost post = FetchedPost.newBuilder().setPostId("lw-" + i).setFeedId("lesswrong").setFeedUrl("https://www.lesswrong.com/feed.xml")
          .setTitle("Post " + i).setLink(p.link()).setContentHtml(p.html()).setFetchedAt(now).setFetchId("bench").build();
      fetched.add(post);
      storedSourceHashes.add(SourceHash.of(post));
      String text = cleaner.clean(p.html(), p.link()).text();
      titles.add("Post " + i);
      texts.add(text);
      // The stored state is an older revision (a shorter text), so the decision is an edit.
      RevisionContent older = RevisionContent.of("Post " + i, text.substring(0, text.length() / 2));
      previous.add(decider.nextState(null, new DedupeDecision.New(), older, "older-source", now.minusSeconds(3600)));
      i++;
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void repeatBySourceHash(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      bh.consume(SourceHash.of(fetched.get(i)).equals(storedSourceHashes.get(i)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void decideRevision(Blackhole bh) {
    for (int i = 0; i < POSTS; i++) {
      RevisionContent content = RevisionContent.of(titles.get(i), texts.get(i));
      DedupeDecision decision = decider.decide(previous.get(i), content.contentHash());
      bh.consume(decider.nextState(previous.get(i), decision, content, "source", now));
    }
  }
}
