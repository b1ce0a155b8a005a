package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.streams.dedupe.OutputHash;
import io.feedpipe.streams.dedupe.ReprocessDecider;
import io.feedpipe.streams.dedupe.SourceHash;
import io.feedpipe.streams.enrich.LanguageDetector;
import io.feedpipe.streams.enrich.PostLanguage;
import io.feedpipe.streams.route.RouteRule;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A post judged again with the current cleaner and route rules, free of Kafka: the dedupe processor
 * calls {@link #judge} for each record of {@code posts.reprocess}, and {@code feedpipe reprocess
 * --dry-run} calls the same code on the store's changelog, so a preview and the real run cannot
 * disagree. Also stamps each revision the live pipeline writes with what reprocessing compares
 * later: its output hash, its routes and the {@link ConfigFingerprint}.
 */
public final class Reprocessing {

  private final PostRevisions revisions;
  private final List<RouteRule> routes;
  private final String fingerprint;
  private final LanguageDetector languages;
  private final UnaryOperator<CleanPost> fitToBudget;

  public Reprocessing(PostRevisions revisions, List<RouteRule> routes, String fingerprint, LanguageDetector languages,
      UnaryOperator<CleanPost> fitToBudget) {
    this.revisions = Objects.requireNonNull(revisions, "revisions");
    this.routes = List.copyOf(routes);
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.languages = Objects.requireNonNull(languages, "languages");
    this.fitToBudget = Objects.requireNonNull(fitToBudget, "fitToBudget");
  }

  /** The reprocessing of the topology built from {@code settings}: its cleaner, routes, record budget and fingerprint. */
  public static Reprocessing of(StreamsSettings settings) {
    return of(settings, PostRevisions.of(settings));
  }

  static Reprocessing of(StreamsSettings settings, PostRevisions revisions) {
    return new Reprocessing(revisions, settings.routes(), ConfigFingerprint.of(settings), LanguageDetector.shared(),
        new PostSizeLimiter(settings.maxPostSize())::fit);
  }

  public String fingerprint() {
    return fingerprint;
  }

  /**
   * What judging a post again comes to.
   *
   * @param verdict why a revision is written or not
   * @param state the state to store, or null when the store keeps what it has
   * @param post revision n+1 to write, or null
   */
  public record Result(ReprocessDecider.Verdict verdict, PostState state, CleanPost post) {}

  /** {@code fetched} judged again against {@code stored} (null: the store does not know the post). */
  public Result judge(PostState stored, FetchedPost fetched) {
    Optional<ReprocessDecider.Verdict> early = ReprocessDecider.beforeCleaning(stored, SourceHash.of(fetched), fingerprint);
    if (early.isPresent()) {
      return new Result(early.get(), null, null);
    }
    PostRevisions.Revision revision = revisions.revisionOf(fetched);
    PostLanguage language = languages.of(fetched.getLanguage(), revision.title(), revision.cleaned().text());
    // As the stored revision would be written now: routes that look at the revision number judge the same one.
    CleanPost asStored = fitToBudget.apply(CleanPostAssembler.assemble(fetched, revision.title(), revision.cleaned(),
        revision.content().contentHash(), stored, null, null, language));
    String outputNow = outputHash(asStored);
    List<String> routesNow = RouteMatches.of(routes, asStored);
    ReprocessDecider.Verdict verdict = ReprocessDecider.judge(stored, new ReprocessDecider.Rendered(revision.content(), outputNow, routesNow));
    if (!(verdict instanceof ReprocessDecider.Changed changed)) {
      PostState.Builder next = PostState.newBuilder(stored).setConfigFingerprint(fingerprint);
      if (stored.getOutputHash() == null || stored.getRoutes() == null) {
        // A state from before v3 with the same title and text: from now on, compare all of it.
        next.setOutputHash(outputNow).setRoutes(routesNow);
      }
      return new Result(verdict, next.build(), null);
    }
    PostState next = PostState.newBuilder(stored).setRevision(stored.getRevision() + 1)
        .setContentHash(revision.content().contentHash()).setTitle(revision.content().title())
        .setTextHash(revision.content().textHash()).setWordSketch(ByteBuffer.wrap(revision.content().wordSketch())).build();
    CleanPost post = fitToBudget.apply(CleanPostAssembler.assemble(fetched, revision.title(), revision.cleaned(),
        revision.content().contentHash(), next, stored.getContentHash(), changed.edit(), language));
    return new Result(verdict, stamped(next, post), post);
  }

  /** {@code state} with what reprocessing compares later about {@code written}, the revision it belongs to. */
  public PostState stamped(PostState state, CleanPost written) {
    return PostState.newBuilder(state).setOutputHash(outputHash(written)).setRoutes(RouteMatches.of(routes, written))
        .setConfigFingerprint(fingerprint).build();
  }

  private static String outputHash(CleanPost post) {
    return OutputHash.of(post.getHtml());
  }
}
