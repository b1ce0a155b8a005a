package io.feedpipe.streams.deadletter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input records whose output the producer or the broker refused for what it is (too large,
 * invalid), remembered by this process so that the next attempt dead-letters them instead of
 * sending the same output again.
 *
 * <p>Why: under exactly-once such a refusal aborts the whole transaction whatever the production
 * handler answers, the stream thread fails, and its replacement re-reads the same input record.
 * Without memory it would be refused again on every attempt and the partition would never move;
 * with it, the second attempt writes a dead letter and the partition goes on, at the cost of one
 * replaced thread. The memory is per process and bounded ({@link #CAPACITY} records): after a
 * restart a refused record costs one more attempt. Refusals are rare because posts are kept within
 * streams.max-post-size, which is checked against the topics' limits at start; this covers a
 * topic's limit lowered while the app runs.
 */
public final class RefusedRecords {

  static final int CAPACITY = 10_000;

  private static final Map<String, String> REFUSED = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CAPACITY;
    }
  };

  private RefusedRecords() {}

  /** Remembers that output of this input record was refused, and why. */
  public static synchronized void remember(String applicationId, String topic, int partition, long offset, String reason) {
    REFUSED.put(key(applicationId, topic, partition, offset), reason);
  }

  /** Why output of this input record was refused before; null when it was not. */
  public static synchronized String reason(String applicationId, String topic, int partition, long offset) {
    return REFUSED.get(key(applicationId, topic, partition, offset));
  }

  private static String key(String applicationId, String topic, int partition, long offset) {
    return applicationId + '/' + topic + '/' + partition + '/' + offset;
  }
}
