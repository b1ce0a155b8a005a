package io.feedpipe.streams.dedupe;

import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.PostState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether a post judged again with the current cleaning and routing rules gets a new revision, free
 * of Kafka. The store remembers, per post, the source hash of its latest fetch, the content and
 * output hashes and routes of its latest revision, and the fingerprint of the rules it was judged
 * under. A post is judged again only when the record is its latest fetch and the rules changed since;
 * it then gets revision n+1 only when its title, text or HTML, or the set of routes it matches,
 * differ from what was written. Judging the same record again under the same rules finds the
 * fingerprint current, so a record delivered twice emits at most one revision.
 */
public final class ReprocessDecider {
  private ReprocessDecider() {}

  /** What re-judging a post comes to. */
  public sealed interface Verdict {
    /** Whether a revision is written. */
    default boolean emits() {
      return this instanceof Changed;
    }

    /** A short name, for counts and logs. */
    String name();
  }

  /** The store has no state for the post: never seen, or forgotten after the dedupe retention. Nothing is written. */
  public record UnknownPost() implements Verdict {
    @Override
    public String name() {
      return "unknown post";
    }
  }

  /** The record is not the post's latest fetch (its source hash is not the stored one): a newer one was judged already. */
  public record Superseded() implements Verdict {
    @Override
    public String name() {
      return "not the latest fetch";
    }
  }

  /** The post was last judged under the current rules: nothing can have changed, and it is not cleaned. */
  public record Current() implements Verdict {
    @Override
    public String name() {
      return "rules unchanged";
    }
  }

  /** Cleaned and routed again, to the same output and routes: only the fingerprint is stored. */
  public record Unchanged() implements Verdict {
    @Override
    public String name() {
      return "unchanged";
    }
  }

  /** The output or the routes differ: revision n+1 is written, with {@code edit} saying why. */
  public record Changed(EditSummary edit) implements Verdict {
    public Changed {
      Objects.requireNonNull(edit, "edit");
    }

    @Override
    public String name() {
      return "changed";
    }
  }

  /**
   * The verdict that needs no cleaning, if there is one: unknown post, superseded record, or rules
   * unchanged since the post was last judged. Empty: clean and route the post again and ask {@link
   * #judge}.
   */
  public static Optional<Verdict> beforeCleaning(PostState stored, String sourceHash, String fingerprint) {
    if (stored == null) {
      return Optional.of(new UnknownPost());
    }
    if (!stored.getSourceHash().equals(sourceHash)) {
      return Optional.of(new Superseded());
    }
    if (fingerprint.equals(stored.getConfigFingerprint())) {
      return Optional.of(new Current());
    }
    return Optional.empty();
  }

  /**
   * The post cleaned and routed again with the current rules.
   *
   * @param content the title and text as cleaned now
   * @param outputHash {@link OutputHash} of the post's HTML as it would be written now
   * @param routes the names of the routes it matches now (judged as the stored revision)
   */
  public record Rendered(RevisionContent content, String outputHash, List<String> routes) {
    public Rendered {
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(outputHash, "outputHash");
      routes = List.copyOf(routes);
    }
  }

  /**
   * Changed or unchanged, comparing what the store remembers of the latest revision with {@code
   * now}. A state stored before the output hash and routes were kept can only be compared by its
   * content hash (title and text): an HTML-only or route-only change is then not seen.
   */
  public static Verdict judge(PostState stored, Rendered now) {
    boolean contentChanged = !stored.getContentHash().equals(now.content().contentHash());
    List<String> reasons = new ArrayList<>();
    EditSummary words = null;
    if (contentChanged) {
      words = EditSummaries.of(stored, now.content());
      if (words.getTitleChanged()) {
        reasons.add("cleaning rules changed the title");
      }
      if (words.getTextChanged()) {
        reasons.add("cleaning rules changed the text" + (words.getWordsAdded() == null ? ""
            : " (+" + words.getWordsAdded() + " -" + words.getWordsRemoved() + " words)"));
      }
    } else if (stored.getOutputHash() != null && !stored.getOutputHash().equals(now.outputHash())) {
      reasons.add("cleaning rules changed the HTML");
    }
    if (stored.getRoutes() != null) {
      String routeChange = routeChange(stored.getRoutes(), now.routes());
      if (!routeChange.isEmpty()) {
        reasons.add("routes changed: " + routeChange);
      }
    }
    if (reasons.isEmpty()) {
      return new Unchanged();
    }
    String summary = "reprocessed: " + String.join("; ", reasons);
    EditSummary edit = words != null
        ? EditSummary.newBuilder(words).setSummary(summary).build()
        : EditSummary.newBuilder().setTitleChanged(false).setPreviousTitle(null).setTextChanged(false).setWordsAdded(0)
            .setWordsRemoved(0).setSummary(summary).build();
    return new Changed(edit);
  }

  /** {@code +added, -removed} route names, sorted; empty when the sets are equal. */
  static String routeChange(List<String> before, List<String> after) {
    TreeSet<String> added = new TreeSet<>(after);
    added.removeAll(before);
    TreeSet<String> removed = new TreeSet<>(before);
    removed.removeAll(after);
    List<String> parts = new ArrayList<>();
    added.forEach(name -> parts.add("+" + name));
    removed.forEach(name -> parts.add("-" + name));
    return String.join(", ", parts);
  }
}
