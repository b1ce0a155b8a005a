package io.feedpipe.producer;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The names of the threads the producer starts, and the factory that names them. This is a public
 * seam: tools that account for the producer's work by thread (the benchmarks' CPU meters, a thread
 * dump read by an operator) use {@link #isProducerThread} instead of copying these names.
 *
 * <ul>
 *   <li>{@value #POLL_PREFIX}N — the poll pool: fetch (the HTTP exchange runs on this thread),
 *       parse, map, send (at most {@code max-concurrent-fetches})
 *   <li>{@value #HTTP_PREFIX}timer-1 — aborts an HTTP exchange that outlives the total timeout and
 *       closes idle pooled connections; and {@value #HTTP_PREFIX}client-build, which builds the
 *       client at start-up and ends
 *   <li>{@value #STATE_READER} and {@value #FEED_LIST_READER} — the readers of {@code feeds.state}
 *       and {@code feeds.config}
 *   <li>{@value #STATUS_SENDER_PREFIX}N — send each feed's status once Kafka has answered its posts
 *       (at most one a poll thread, ended when idle)
 *   <li>{@value #PARSE_WARMUP} — reads two built-in feeds once at start-up, loading what a
 *       poll needs while the command connects to Kafka ({@code parse.ParseWarmup}), and ends
 *   <li>{@code kafka-producer-network-thread | }{@value #KAFKA_CLIENT_ID} — the Kafka producer's
 *       sender; Kafka names it after the client id
 * </ul>
 *
 * Every thread is a daemon: a producer that was not closed must not keep the JVM alive.
 */
public final class ProducerThreads {
  public static final String POLL_PREFIX = "feedpipe-poll-";
  public static final String HTTP_PREFIX = "feedpipe-http-";
  public static final String STATE_READER = "feedpipe-state-reader";
  public static final String FEED_LIST_READER = "feedpipe-feed-list";
  public static final String PARSE_WARMUP = "feedpipe-parse-warmup";
  public static final String STATUS_SENDER_PREFIX = "feedpipe-status-sender-";
  /** The producer's Kafka {@code client.id}; Kafka ends its sender thread's name with {@code "| " + KAFKA_CLIENT_ID}. */
  public static final String KAFKA_CLIENT_ID = "feedpipe-producer";

  private ProducerThreads() {}

  /** Numbered daemon threads: {@code prefix + 1}, {@code prefix + 2}, … */
  public static ThreadFactory factory(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return task -> newThread(prefix + n.incrementAndGet(), task);
  }

  /** One named daemon thread (not started). */
  public static Thread newThread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Whether a thread of this name is one of the producer's (see the list above). */
  public static boolean isProducerThread(String name) {
    return name.startsWith(POLL_PREFIX)
        || name.startsWith(HTTP_PREFIX)
        || name.equals(STATE_READER)
        || name.equals(FEED_LIST_READER)
        || name.equals(PARSE_WARMUP)
        || name.startsWith(STATUS_SENDER_PREFIX)
        || name.endsWith("| " + KAFKA_CLIENT_ID);
  }
}
