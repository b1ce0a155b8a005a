package io.feedpipe.producer.kafka;

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
import java.util.concurrent.Future;
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
 */
final class RecordPublisher {
  // One line per feed polled, under the producer's logger: the one operators (and the benchmark
  // commands, which quiet it) know.
  private static final Logger log = LoggerFactory.getLogger(FeedProducer.class);
  static final int MAX_REFUSED_NOTES = 20;

  private final Producer<String, SpecificRecordBase> producer;
  private final String rawTopic;
  private final String statusTopic;
  private final FeedStateStore states;
  private final ProducerMetrics metrics;

  RecordPublisher(Producer<String, SpecificRecordBase> producer, String rawTopic, String statusTopic, FeedStateStore states) {
    this(producer, rawTopic, statusTopic, states, ProducerMetrics.none());
  }

  RecordPublisher(Producer<String, SpecificRecordBase> producer, String rawTopic, String statusTopic, FeedStateStore states,
      ProducerMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.rawTopic = Objects.requireNonNull(rawTopic, "rawTopic");
    this.statusTopic = Objects.requireNonNull(statusTopic, "statusTopic");
    this.states = Objects.requireNonNull(states, "states");
  }

  /** A record sent and its acknowledgement. */
  record Send(String topic, String key, Future<RecordMetadata> ack) {
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
   * One feed's poll and the sends of its records still to be acknowledged.
   *
   * @param result the poll without its posts (they are serialized by now: only their count is
   *     kept, so a round over many feeds does not hold every post until its end)
   * @param postCount posts sent and not refused
   */
  record Publication(String feedId, PollResult result, int postCount, List<Send> sends) {}

  /**
   * Sends the posts of a poll, waits until they are acknowledged or refused, names refused ones in
   * the status, then sends the status. Does not wait for the status to be acknowledged.
   */
  Publication publish(String feedId, PollResult result) {
    List<Send> posts = new ArrayList<>(result.posts().size());
    for (FetchedPost post : result.posts()) {
      posts.add(send(rawTopic, post.getPostId(), post));
    }
    List<Send> sends = new ArrayList<>(posts.size() + 1);
    List<FailedSend> refused = new ArrayList<>();
    if (!posts.isEmpty()) {
      // No flush: waiting for these acknowledgements (at most linger.ms, or until a batch is full)
      // lets the posts of the feeds polled meanwhile share batches with them. A flush here sent
      // every feed's posts as small batches of their own (more requests, less compression).
      for (Send post : posts) {
        Throwable error = post.failure();
        if (error != null && RecordRefusal.concernsOnlyThisRecord(error)) {
          refused.add(new FailedSend(post.topic(), post.key(), error));
        } else {
          sends.add(post); // acknowledged, or failed for a reason every record shares: counted when settled
        }
      }
      if (!refused.isEmpty()) {
        reportRefused(result.status(), refused, posts.size());
      }
    }
    // The status goes last: a reader that sees it can expect the posts to be there already.
    sends.add(send(statusTopic, feedId, result.status()));
    return new Publication(feedId, new PollResult(List.of(), result.status(), result.nextState()), posts.size() - refused.size(), sends);
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
    producer.flush(); // sends the lingering batches and waits for every acknowledgement
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
    Future<RecordMetadata> ack;
    try {
      ack = producer.send(new ProducerRecord<>(topic, key, value));
    } catch (RuntimeException e) { // e.g. a SerializationException, thrown rather than returned
      ack = CompletableFuture.failedFuture(e);
    }
    return new Send(topic, key, ack);
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
