package io.feedpipe.app.reprocess;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.streams.dedupe.ReprocessDecider;
import io.feedpipe.streams.topology.Reprocessing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code feedpipe reprocess} would change, computed here and written nowhere: each selected
 * record is judged by the Streams app's own {@link Reprocessing} against the dedupe store's states
 * (read from its changelog), applying each outcome as the app would, so a post seen twice is judged
 * like the app judges it. Keeps the first few changes as samples.
 */
public final class ReprocessPreview implements RawScanner.Sink {

  /** One post that would get a new revision. */
  public record Change(String postId, int fromRevision, CleanPost after) {}

  private final Reprocessing reprocessing;
  private final Map<String, PostState> states;
  private final int sampleLimit;
  private final Map<String, Long> verdicts = new LinkedHashMap<>();
  private final List<Change> samples = new ArrayList<>();
  private long changed;

  /**
   * @param states the dedupe store's state per post id, as its changelog holds them; updated as records are judged
   * @param sampleLimit how many changes to keep for showing
   */
  public ReprocessPreview(Reprocessing reprocessing, Map<String, PostState> states, int sampleLimit) {
    this.reprocessing = Objects.requireNonNull(reprocessing, "reprocessing");
    this.states = states;
    this.sampleLimit = sampleLimit;
  }

  @Override
  public void accept(RawScanner.Selected selected) {
    judge(selected.post());
  }

  void judge(FetchedPost post) {
    PostState stored = states.get(post.getPostId());
    Reprocessing.Result result = reprocessing.judge(stored, post);
    verdicts.merge(result.verdict().name(), 1L, Long::sum);
    if (result.state() != null) {
      states.put(post.getPostId(), result.state());
    }
    if (result.verdict() instanceof ReprocessDecider.Changed) {
      changed++;
      if (samples.size() < sampleLimit) {
        samples.add(new Change(post.getPostId(), stored.getRevision(), result.post()));
      }
    }
  }

  /** Posts that would get a new revision. */
  public long changed() {
    return changed;
  }

  /** How many records came to each verdict ({@link ReprocessDecider.Verdict#name}), in the order first seen. */
  public Map<String, Long> verdicts() {
    return Map.copyOf(verdicts);
  }

  public List<Change> samples() {
    return List.copyOf(samples);
  }
}
