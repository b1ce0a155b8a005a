package io.feedpipe.streams.deadletter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Output records the producer or the broker refused for what they are (too large, invalid),
 * remembered by this process so that the next attempt dead-letters their input instead of sending
 * the same output again.
 *
 * <p>Why: under exactly-once such a refusal aborts the whole transaction whatever the production
 * handler answers, the stream thread fails, and its replacement re-reads the same input record.
 * Without memory it would be refused again on every attempt and the partition would never move;
 * with it, the second attempt writes a dead letter and the partition goes on, at the cost of one
 * replaced thread. An output is known by its key (the post id) and its value's size: processing is
 * deterministic, so the same input gives the same bytes, while a later revision of the post (other
 * bytes) is not held back. (The source offset in the handler's context is not used: in the send
 * callback it may name a later record.) The memory is per process and bounded ({@link #CAPACITY}
 * outputs): after a restart a refused record costs one more attempt. Refusals are rare because
 * posts are kept within streams.max-post-size, which is checked against the topics' limits at
 * start; this covers a topic's limit lowered while the app runs.
 */
public final class RefusedRecords {

  static final int CAPACITY = 10_000;

  private static final Map<String, Refusal> REFUSED = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Refusal> eldest) {
      return size() > CAPACITY;
    }
  };

  private record Refusal(int valueBytes, String reason) {}

  private RefusedRecords() {}

  /** Remembers that the output with this key and value size was refused, and why. */
  public static synchronized void remember(String applicationId, String key, int valueBytes, String reason) {
    REFUSED.put(applicationId + '/' + key, new Refusal(valueBytes, reason));
  }

  /** Whether some output with this key was refused: the cheap test before measuring the value. */
  public static synchronized boolean anyFor(String applicationId, String key) {
    return REFUSED.containsKey(applicationId + '/' + key);
  }

  /** Why the output with this key and value size was refused before; null when it was not. */
  public static synchronized String reason(String applicationId, String key, int valueBytes) {
    Refusal refusal = REFUSED.get(applicationId + '/' + key);
    return refusal != null && refusal.valueBytes() == valueBytes ? refusal.reason() : null;
  }
}
