package io.feedpipe.app.it.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Compares what one output topic holds (read with read_committed) with what it must hold: each
 * expected (post id, revision) exactly once, nothing else, and each revision carrying its own
 * content.
 */
public final class ExactlyOnceVerifier {

  /** The outcome for one topic. */
  public record Result(String topic, int expected, int read, List<String> missing, List<String> duplicated,
      List<String> unexpected, List<String> wrongContent) {

    public boolean ok() {
      return missing.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty() && wrongContent.isEmpty() && read == expected;
    }

    @Override
    public String toString() {
      return topic + ": expected " + expected + ", read " + read + ", missing " + sample(missing) + ", duplicated "
          + sample(duplicated) + ", unexpected " + sample(unexpected) + ", wrong content " + sample(wrongContent);
    }

    private static String sample(List<String> keys) {
      return keys.size() + (keys.isEmpty() ? "" : " e.g. " + keys.subList(0, Math.min(5, keys.size())));
    }
  }

  private ExactlyOnceVerifier() {}

  /**
   * @param revisions post id → last revision of the posts this run sent
   * @param wanted which (post id, revision) belong in this topic
   */
  public static Result verify(String topic, List<CommittedReader.Seen> posts, Map<String, Integer> revisions, BiPredicate<String, Integer> wanted) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> unexpected = new ArrayList<>();
    List<String> wrongContent = new ArrayList<>();
    int read = 0;
    for (CommittedReader.Seen post : posts) {
      Integer last = revisions.get(post.postId());
      if (last == null) {
        continue; // not from this run
      }
      read++;
      String key = post.postId() + "@" + post.revision();
      if (post.revision() < 1 || post.revision() > last || !wanted.test(post.postId(), post.revision())) {
        unexpected.add(key);
      } else if (!post.carriesItsMarker()) {
        wrongContent.add(key);
      }
      seen.merge(key, 1, Integer::sum);
    }
    List<String> missing = new ArrayList<>();
    int expected = 0;
    for (var entry : revisions.entrySet()) {
      for (int revision = 1; revision <= entry.getValue(); revision++) {
        if (wanted.test(entry.getKey(), revision)) {
          expected++;
          if (!seen.containsKey(entry.getKey() + "@" + revision)) {
            missing.add(entry.getKey() + "@" + revision);
          }
        }
      }
    }
    List<String> duplicated = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + "×" + e.getValue()).sorted().toList();
    return new Result(topic, expected, read, missing.stream().sorted().toList(), duplicated, unexpected, wrongContent);
  }
}
