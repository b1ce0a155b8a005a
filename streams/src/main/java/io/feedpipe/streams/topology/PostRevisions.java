package io.feedpipe.streams.topology;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.dedupe.DedupeDecider;
import io.feedpipe.streams.dedupe.DedupeDecision;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.dedupe.SourceHash;
import java.util.Objects;

/**
 * What the dedupe step makes of a fetched post, free of Kafka: the cleaned revision, the decision
 * (new, edit, repeat) and the state the dedupe store keeps afterwards. The topology's processor
 * calls {@link #next}; anything that needs to know what the store holds for a post (the memory
 * benchmark sizing a store entry, tests) calls the same code, so the two cannot drift apart.
 */
public final class PostRevisions {

  private final HtmlCleaner cleaner;
  private final DedupeDecider decider;

  public PostRevisions(HtmlCleaner cleaner, DedupeDecider decider) {
    this.cleaner = Objects.requireNonNull(cleaner, "cleaner");
    this.decider = Objects.requireNonNull(decider, "decider");
  }

  /** The revisions of the topology built from {@code settings}: its cleaner, retention and touch granularity. */
  public static PostRevisions of(StreamsSettings settings) {
    return new PostRevisions(new HtmlCleaner(settings.cleaner()),
        new DedupeDecider(settings.dedupeRetention(), FeedpipeTopology.TOUCH_GRANULARITY));
  }

  /**
   * The fetched post's content as feedpipe defines a revision.
   *
   * @param title the plain title
   * @param cleaned the cleaned body
   * @param content the hashes and sketch the store keeps of title and text
   */
  public record Revision(String title, CleanedContent cleaned, RevisionContent content) {}

  /**
   * What seeing a post changes.
   *
   * @param decision new, edit or repeat
   * @param state the state to store, or null when the store keeps what it has
   * @param sourceHash the hash of the post as fetched
   * @param revision the cleaned revision; null when the post is a repeat known by its source hash
   *     alone, which is not cleaned again
   */
  public record Next(DedupeDecision decision, PostState state, String sourceHash, Revision revision) {}

  /**
   * What the store's state {@code previous} (null for an unknown post) becomes once {@code fetched}
   * is seen: an entry whose source hash matches the stored one is a repeat and is not cleaned;
   * otherwise it is cleaned, hashed and judged by the {@link DedupeDecider}.
   */
  public Next next(PostState previous, FetchedPost fetched) {
    String sourceHash = SourceHash.of(fetched);
    if (previous != null && previous.getSourceHash().equals(sourceHash)) {
      return new Next(new DedupeDecision.Repeat(), decider.touched(previous, fetched.getFetchedAt()), sourceHash, null);
    }
    Revision revision = revisionOf(fetched);
    DedupeDecision decision = decider.decide(previous, revision.content().contentHash());
    PostState state = decider.nextState(previous, decision, revision.content(), sourceHash, fetched.getFetchedAt());
    return new Next(decision, state, sourceHash, revision);
  }

  /** The state the store holds after {@code fetched} is seen with {@code previous} stored (null: unknown post). */
  public PostState stateOf(PostState previous, FetchedPost fetched) {
    Next next = next(previous, fetched);
    return next.state() != null ? next.state() : previous;
  }

  /** The post's body cleaned and its title made plain, as the topology writes them. */
  public Revision revisionOf(FetchedPost fetched) {
    CleanedContent cleaned = cleaner.clean(CleanPostAssembler.bodyHtml(fetched), CleanPostAssembler.baseUri(fetched));
    String title = HtmlCleaner.plainTitle(fetched.getTitle() == null ? "" : fetched.getTitle());
    return new Revision(title, cleaned, RevisionContent.of(title, cleaned.text()));
  }

  DedupeDecider decider() {
    return decider;
  }
}
