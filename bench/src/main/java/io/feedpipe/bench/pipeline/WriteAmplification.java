package io.feedpipe.bench.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of posts made the broker store, topic by topic (the pipeline's topics, the Streams
 * app's changelogs and repartition topics, Kafka's own offsets and transaction log), against what
 * came in: the write amplification per post. Sizes are log sizes as the broker holds them —
 * compressed batches, record headers and transaction markers included — one replica per
 * partition. Pure.
 *
 * @param topics bytes written per topic, largest first; only topics that grew
 * @param posts posts of the batch
 * @param rawTopic the input topic's name (posts.raw, as named in {@code topics})
 * @param htmlBytes the posts' HTML in UTF-8: the content that came in
 */
public record WriteAmplification(List<Topic> topics, long posts, String rawTopic, long htmlBytes) {

  /** @param name the topic's name as shown */
  public record Topic(String name, long bytes) {}

  public WriteAmplification {
    topics = List.copyOf(topics);
  }

  /**
   * @param written bytes written per topic (see {@link #growth})
   * @param label the name to show for a topic's full name
   */
  public static WriteAmplification of(Map<String, Long> written, java.util.function.UnaryOperator<String> label, String rawTopic,
      long posts, long htmlBytes) {
    List<Topic> topics = new ArrayList<>();
    written.forEach((name, bytes) -> {
      if (bytes > 0) {
        topics.add(new Topic(label.apply(name), bytes));
      }
    });
    topics.sort(Comparator.comparingLong(Topic::bytes).reversed().thenComparing(Topic::name));
    return new WriteAmplification(topics, posts, label.apply(rawTopic), htmlBytes);
  }

  /**
   * How much each topic grew between two snapshots of log sizes, added to {@code into}; a topic
   * absent before counts from 0. A topic that shrank (retention, compaction) counts as 0.
   */
  public static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after, Map<String, Long> into) {
    Map<String, Long> sum = new HashMap<>(into);
    after.forEach((topic, size) -> sum.merge(topic, Math.max(0, size - before.getOrDefault(topic, 0L)), Long::sum));
    return sum;
  }

  public long total() {
    return topics.stream().mapToLong(Topic::bytes).sum();
  }

  /** Bytes the input topic grew by: what the producer wrote. */
  public long rawBytes() {
    return topics.stream().filter(t -> t.name().equals(rawTopic)).mapToLong(Topic::bytes).sum();
  }

  /** Bytes written to the broker per byte of posts.raw. */
  public double overRaw() {
    return rawBytes() == 0 ? 0 : (double) total() / rawBytes();
  }

  /** Bytes written to the broker per byte of the posts' HTML. */
  public double overHtml() {
    return htmlBytes == 0 ? 0 : (double) total() / htmlBytes;
  }

  public double bytesPerPost(Topic topic) {
    return posts == 0 ? 0 : (double) topic.bytes() / posts;
  }

  public double totalPerPost() {
    return posts == 0 ? 0 : (double) total() / posts;
  }
}
