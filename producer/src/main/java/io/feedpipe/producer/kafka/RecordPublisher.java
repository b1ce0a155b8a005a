package io.feedpipe.producer.kafka;

import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.producer.poll.PollResult;
import io.feedpipe.producer.poll.ProducerMetrics;
import io.feedpipe.producer.state.FeedStateStore;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one poll's records and then, only once Kafka has acknowledged every one of them, saves the
 * feed's new state. That order is what makes a failed send harmless: the old state (validators,
 * identity) is kept, so the feed is fetched in full next time and nothing is lost.
 *
 * <p>The posts go first and are acknowledged (or refused) before the status is sent, so the status
 * can name an entry Kafka refused for itself alone ({@link RecordRefusal}: too large for the topic,
 * unserializable) instead of claiming FETCHED. Such a refusal does not hold the feed back — its
 * other posts count as written and its state advances, since a refetch would be refused again. An
 * error every record shares (broker gone, timeouts) keeps the state.
 *
 * <p>{@link #publish} does not wait for those acknowledgements: the status is sent by the
 * publisher's own threads ({@link io.feedpipe.producer.ProducerThreads#STATUS_SENDER_PREFIX}) once
 * the posts are answered. In a one-shot round the poll thread goes on to the next feed and the
 * round is settled at its end; a poll thread that waited spent about linger.ms and a round trip per
 * feed idle, which left a fifth of two cores unused with eight poll threads (docs/results.md). A
 * scheduled poll settles its own publication, so its thread waits for the status as before.
 */
final class RecordPublisher implements AutoCloseable {
  // One line per feed polled, under the producer's logger: the one operators (and the benchmark
  // commands, which quiet it) know.
  private static final Logger log = LoggerFactory.getLogger(FeedProducer.class);
  static final int MAX_REFUSED_NOTES = 20;

  private final Producer<String, SpecificRecordBase> producer;
  private final String rawTopic;
  private final String statusTopic;
  private final FeedStateStore states;
  private final ProducerMetrics metrics;

  /**
   * Send each status once its posts are answered; never Kafka's I/O thread, where a send that waits
   * for buffer space would wait for that very thread. As many as poll threads, made when needed and
   * ended when idle: the work is small (a status and a send), but a send can block up to
   * max.block.ms (no metadata for the topic, a full buffer), and statuses must not queue behind one
   * such send any more than the polls did.
   */
  private final ThreadPoolExecutor statusSenders;

  RecordPublisher(Producer<String, SpecificRecordBase> producer, String rawTopic, String statusTopic, FeedStateStore states) {
    this(producer, rawTopic, statusTopic, states, ProducerMetrics.none(), 1);
  }

  /** @param senders threads that send statuses, at most (the number of poll threads) */
  RecordPublisher(Producer<String, SpecificRecordBase> producer, String rawTopic, String statusTopic, FeedStateStore states,
      ProducerMetrics metrics, int senders) {
    this.statusSenders = new ThreadPoolExecutor(senders, senders, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        ProducerThreads.factory(ProducerThreads.STATUS_SENDER_PREFIX));
    this.statusSenders.allowCoreThreadTimeOut(true);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.rawTopic = Objects.requireNonNull(rawTopic, "rawTopic");
    this.statusTopic = Objects.requireNonNull(statusTopic, "statusTopic");
    this.states = Objects.requireNonNull(states, "states");
  }

  /** A record sent and its acknowledgement. */
  record Send(String topic, String key, CompletableFuture<RecordMetadata> ack) {
    /** Waits for the acknowledgement; the error, or null when it was acknowledged. */
    Throwable failure() {
      try {
        ack.get();
        return null;
      } catch (ExecutionException e) {
        return e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return e;
      }
    }
  }

  /** A record Kafka did not acknowledge. */
  record FailedSend(String topic, String key, Throwable error) {}

  /**
   * One feed's poll, its posts sent, and its status once they are answered.
   *
   * @param result the poll without its posts (they are serialized by now: only their count is
   *     kept, so a round over many feeds does not hold every post until its end)
   * @param sent completes when the status has been sent: see {@link Sent}
   */
  record Publication(String feedId, PollResult result, CompletableFuture<Sent> sent) {
    /** Posts sent and not refused; waits until the status is sent. */
    int postCount() {
      return outcome().postCount();
    }

    /** The sends still to be acknowledged (posts not refused, and the status); waits until the status is sent. */
    List<Send> sends() {
      return outcome().sends();
    }

    /**
     * Waits until the status is sent. {@link #sent} completes exceptionally only with an {@link
     * Error} (see {@link RecordPublisher#publish}), which is thrown as it is: the caller's thread
     * stops as it would have had the error happened there. Interrupted, the status counts as not
     * sent: the feed keeps its state.
     */
    Sent outcome() {
      try {
        return sent.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Sent.statusNotSent(feedId, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        return Sent.statusNotSent(feedId, e.getCause());
      }
    }
  }

  /** What a publication sent: the posts not refused (counted) and its records to settle, the status last. */
  record Sent(int postCount, List<Send> sends) {
    /** The status could not be sent: settling finds it failed, so the feed keeps its state. */
    static Sent statusNotSent(String feedId, Throwable why) {
      return new Sent(0, List.of(new Send("(status of " + feedId + ")", feedId, CompletableFuture.failedFuture(why))));
    }
  }

  /**
   * Sends the posts of a poll and returns without waiting for them. Once they are acknowledged or
   * refused, the publisher's thread names refused ones in the status and sends the status ({@link
   * Publication#sent}); it does not wait for the status to be acknowledged.
   *
   * <p>No flush: the posts wait for their batches (at most linger.ms, or until a batch is full), so
   * the posts of the feeds polled meanwhile share batches with them. A flush here sent every feed's
   * posts as small batches of their own (more requests, less compression).
   */
  Publication publish(String feedId, PollResult result) {
    List<Send> posts = new ArrayList<>(result.posts().size());
    for (FetchedPost post : result.posts()) {
      posts.add(send(rawTopic, post.getPostId(), post));
    }
    FeedStatus status = result.status();
    CompletableFuture<?>[] acks = posts.stream().map(Send::ack).toArray(CompletableFuture[]::new);
    CompletableFuture<Sent> sent = CompletableFuture.allOf(acks)
        .handleAsync((ignored, anyError) -> afterPosts(feedId, status, posts), statusSenders)
        .exceptionally(e -> { // not sent (the senders stopped, or the step failed): the feed keeps its state
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof Error error) {
            throw error; // for Publication.outcome() to rethrow on the poll or settling thread
          }
          return Sent.statusNotSent(feedId, cause);
        });
    return new Publication(feedId, new PollResult(List.of(), status, result.nextState()), sent);
  }

  /** With every post answered: the refused ones named in the status, then the status sent, last. */
  private Sent afterPosts(String feedId, FeedStatus status, List<Send> posts) {
    List<Send> sends = new ArrayList<>(posts.size() + 1);
    List<FailedSend> refused = new ArrayList<>();
    for (Send post : posts) {
      Throwable error = post.failure();
      if (error != null && RecordRefusal.concernsOnlyThisRecord(error)) {
        refused.add(new FailedSend(post.topic(), post.key(), error));
      } else {
        sends.add(post); // acknowledged, or failed for a reason every record shares: counted when settled
      }
    }
    if (!refused.isEmpty()) {
      reportRefused(status, refused, posts.size());
    }
    // The status goes last: a reader that sees it can expect the posts to be there already.
    sends.add(send(statusTopic, feedId, status));
    return new Sent(posts.size() - refused.size(), sends);
  }

  /**
   * Waits for every acknowledgement of the publication; saves the feed's new state only when none
   * failed. Returns the failed sends.
   */
  List<FailedSend> settle(Publication publication) {
    List<FailedSend> failed = new ArrayList<>();
    int postsAcknowledged = 0;
    for (Send send : publication.sends()) {
      Throwable error = send.failure();
      if (error != null) {
        failed.add(new FailedSend(send.topic(), send.key(), error));
      } else if (send.topic().equals(rawTopic)) {
        postsAcknowledged++;
      }
    }
    metrics.acknowledged(postsAcknowledged);
    if (failed.isEmpty()) {
      states.put(publication.feedId(), publication.result().nextState());
    } else {
      log.error("feed {}: {} record(s) not acknowledged by Kafka (first: {}); its state is kept, so it is fetched in full next time",
          publication.feedId(), failed.size(), failed.get(0).error().toString());
    }
    logFeed(publication.result().status(), failed.size());
    return failed;
  }

  /**
   * Settles a whole round: waits for every acknowledgement (one flush), saves the states of the
   * feeds whose records all arrived, and sums the round up.
   *
   * @throws RecordsNotSentException when any record was not acknowledged; it names the topic and
   *     key of the first
   */
  PollSummary settleRound(List<Publication> round) {
    producer.flush(); // sends the lingering batches and waits for every acknowledgement: the posts'
    for (Publication publication : round) {
      publication.outcome(); // each status sent once its posts were answered
    }
    producer.flush(); // and the statuses'
    Map<FetchOutcome, Integer> byOutcome = new EnumMap<>(FetchOutcome.class);
    List<FailedSend> failures = new ArrayList<>();
    int postsSent = 0;
    for (Publication publication : round) {
      byOutcome.merge(publication.result().status().getOutcome(), 1, Integer::sum);
      List<FailedSend> feedFailures = settle(publication);
      if (feedFailures.isEmpty()) {
        postsSent += publication.postCount();
      }
      failures.addAll(feedFailures);
    }
    if (states instanceof KafkaFeedStateStore) {
      producer.flush(); // the state records
    }
    if (!failures.isEmpty()) {
      FailedSend first = failures.get(0);
      throw new RecordsNotSentException(
          failures.size() + " record(s) were not acknowledged by Kafka; the first: topic " + first.topic() + ", key "
              + first.key() + ": " + first.error(),
          failures.size(),
          first.error());
    }
    return new PollSummary(round.size(), postsSent, byOutcome);
  }

  /**
   * Names the refused entries in the status (error and one note each, at most {@link
   * #MAX_REFUSED_NOTES}). The feed still advances: those entries would be refused on every refetch.
   */
  private static void reportRefused(FeedStatus status, List<FailedSend> refused, int posts) {
    FailedSend first = refused.get(0);
    status.setError("feed " + status.getFeedId() + ": " + refused.size() + " of " + posts + " entries not written to " + first.topic()
        + " (first: " + first.key() + ": " + RecordRefusal.describe(first.error()) + ")");
    List<String> notes = new ArrayList<>(status.getNotes());
    for (FailedSend failed : refused.subList(0, Math.min(refused.size(), MAX_REFUSED_NOTES))) {
      notes.add("entry " + failed.key() + " not written: " + RecordRefusal.describe(failed.error()));
      log.error("feed {}: entry {} not written to {}: {}", status.getFeedId(), failed.key(), failed.topic(),
          RecordRefusal.describe(failed.error()));
    }
    if (refused.size() > MAX_REFUSED_NOTES) {
      notes.add("and " + (refused.size() - MAX_REFUSED_NOTES) + " more entries not written");
    }
    status.setNotes(notes);
  }

  private Send send(String topic, String key, SpecificRecordBase value) {
    CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
    try {
      // Completed on Kafka's I/O thread; what depends on it runs on the status sender.
      producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
        if (error != null) {
          ack.completeExceptionally(error);
        } else {
          ack.complete(metadata);
        }
      });
    } catch (RuntimeException e) { // e.g. a SerializationException, thrown rather than returned
      ack.completeExceptionally(e);
    }
    return new Send(topic, key, ack);
  }

  /**
   * Stops the status senders once no poll publishes any more and the Kafka producer is closed (its
   * close answers every post, handing their statuses to the senders first). A status sent then
   * fails on the closed producer, so its feed keeps its state and is polled again; a status step
   * still queued when the senders stop runs on this thread, to the same end, so that nothing waits
   * for it forever.
   */
  @Override
  public void close() {
    statusSenders.shutdown();
    boolean interrupted = false;
    try {
      if (statusSenders.awaitTermination(10, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    for (Runnable queued : statusSenders.shutdownNow()) {
      queued.run();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void logFeed(FeedStatus status, int failedSends) {
    String error = status.getError() == null ? "" : " error=" + status.getError();
    String notSent = failedSends == 0 ? "" : " NOT SENT=" + failedSends;
    String next = status.getNextPollAt() == null ? "" : " next=" + status.getNextPollAt();
    String streak = status.getErrorStreak() == 0 ? "" : " streak=" + status.getErrorStreak();
    String notes = status.getNotes().isEmpty() ? "" : " notes=" + status.getNotes();
    switch (status.getOutcome()) {
      case FETCHED -> log.info("feed {} FETCHED items={} {}ms{}{}{}", status.getFeedId(), status.getItemCount(), status.getDurationMs(),
          next, notes, notSent);
      case NOT_MODIFIED -> log.debug("feed {} NOT_MODIFIED {}ms{}{}", status.getFeedId(), status.getDurationMs(), next, notSent);
      default -> log.warn("feed {} {}{}{}{}{}", status.getFeedId(), status.getOutcome(), streak, next, error, notSent);
    }
  }
}
