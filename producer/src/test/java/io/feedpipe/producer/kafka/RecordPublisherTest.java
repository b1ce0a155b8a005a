package io.feedpipe.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.Fixtures;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.poll.FeedPoll;
import io.feedpipe.producer.poll.PollResult;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.state.InMemoryFeedStateStore;
import io.feedpipe.schemas.FeedStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Sending a poll's records and saving the feed's state, on Kafka's MockProducer: no broker. */
class RecordPublisherTest {
  private final FeedSource feed = FeedSource.fromUrl(Fixtures.fileUri("fixtures/lesswrong/poll-1.xml").toString());
  private final InMemoryFeedStateStore states = new InMemoryFeedStateStore();

  private PollResult poll() {
    FeedPoll poll = new FeedPoll(new FeedFetcher(Duration.ofSeconds(5), 15_000_000, "t"), new FeedParser(), new EntryMapper(),
        Clock.systemUTC());
    return poll.poll(feed, FeedPollState.initial(feed.url().toString()), false);
  }

  private boolean stateSaved() {
    return !states.get(feed.id(), feed.url().toString()).equals(FeedPollState.initial(feed.url().toString()));
  }

  /**
   * A MockProducer that answers each post as it is sent, and on flush() every pending send (the
   * statuses), with the error the supplier gives (null: acknowledged).
   */
  private static MockProducer<String, SpecificRecordBase> kafkaFailingWith(Supplier<RuntimeException> errors) {
    return new MockProducer<>(false, null, new StringSerializer(), new RecordSerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecordBase> record, Callback callback) {
        Future<RecordMetadata> ack = super.send(record, callback);
        if (record.topic().equals("posts.raw")) {
          RuntimeException error = errors.get();
          if (error == null) {
            completeNext();
          } else {
            errorNext(error);
          }
        }
        return ack;
      }

      @Override
      public synchronized void flush() {
        while (true) {
          RuntimeException error = errors.get();
          if (!(error == null ? completeNext() : errorNext(error))) {
            return;
          }
        }
      }
    };
  }

  @Test
  void stateIsSavedOnlyOnceEveryRecordIsAcknowledged() {
    MockProducer<String, SpecificRecordBase> kafka = kafkaFailingWith(() -> null);
    RecordPublisher publisher = new RecordPublisher(kafka, "posts.raw", "feeds.status", states);

    RecordPublisher.Publication publication = publisher.publish(feed.id(), poll());

    assertThat(publication.postCount()).isEqualTo(16); // waits until the status is sent
    assertThat(kafka.history().get(kafka.history().size() - 1).topic()).as("the status goes last").isEqualTo("feeds.status");
    assertThat(stateSaved()).as("the status is not acknowledged yet").isFalse();
    assertThat(kafka.completeNext()).isTrue(); // the status
    assertThat(publisher.settle(publication)).isEmpty();
    assertThat(stateSaved()).isTrue();
  }

  @Test
  void aRefusedRecordIsNamedInTheStatusAndTheStateStillAdvances() {
    int[] sends = {0};
    MockProducer<String, SpecificRecordBase> kafka = kafkaFailingWith(
        () -> sends[0]++ == 0 ? new RecordTooLargeException("over max.message.bytes") : null);
    RecordPublisher publisher = new RecordPublisher(kafka, "posts.raw", "feeds.status", states);

    RecordPublisher.Publication publication = publisher.publish(feed.id(), poll());
    publication.sent().join(); // the status is sent once the posts are answered
    kafka.flush(); // acknowledges the status
    List<RecordPublisher.FailedSend> failed = publisher.settle(publication);

    FeedStatus status = publication.result().status();
    String refusedKey = kafka.history().get(0).key();
    assertThat(failed).isEmpty();
    assertThat(publication.postCount()).isEqualTo(15);
    assertThat(status.getError()).contains("1 of 16 entries not written to posts.raw").contains(refusedKey)
        .contains("RecordTooLargeException");
    assertThat(status.getNotes()).anySatisfy(note -> assertThat(note).startsWith("entry " + refusedKey + " not written"));
    assertThat(kafka.history().get(kafka.history().size() - 1).value()).as("the status names it too").isSameAs(status);
    assertThat(stateSaved()).as("a refetch would be refused again: the feed moves on").isTrue();
  }

  @Test
  void publishingReturnsBeforeThePostsAreAnsweredAndTheStatusFollowsThem() {
    MockProducer<String, SpecificRecordBase> kafka =
        new MockProducer<>(false, null, new StringSerializer(), new RecordSerializer()); // answers only when told
    RecordPublisher publisher = new RecordPublisher(kafka, "posts.raw", "feeds.status", states);

    RecordPublisher.Publication publication = publisher.publish(feed.id(), poll());

    assertThat(kafka.history()).hasSize(16).allSatisfy(record -> assertThat(record.topic()).isEqualTo("posts.raw"));
    assertThat(publication.sent()).as("no status before the posts are answered").isNotDone();
    for (int post = 0; post < 16; post++) {
      assertThat(kafka.completeNext()).isTrue(); // the posts, one by one; the last one lets the status go
    }
    publication.sent().join();
    assertThat(kafka.history()).hasSize(17);
    assertThat(kafka.history().get(16).topic()).isEqualTo("feeds.status");
    assertThat(kafka.completeNext()).isTrue();
    assertThat(publisher.settle(publication)).isEmpty();
    assertThat(stateSaved()).isTrue();
    publisher.close();
  }

  @Test
  void aStatusThatCanNoLongerBeSentCountsAsNotSentAndTheFeedKeepsItsState() {
    MockProducer<String, SpecificRecordBase> kafka =
        new MockProducer<>(false, null, new StringSerializer(), new RecordSerializer()); // answers only when told
    RecordPublisher publisher = new RecordPublisher(kafka, "posts.raw", "feeds.status", states);
    RecordPublisher.Publication publication = publisher.publish(feed.id(), poll());

    publisher.close(); // closing while the posts are unanswered: their status has nobody to send it
    for (int post = 0; post < 16; post++) {
      assertThat(kafka.completeNext()).isTrue();
    }
    List<RecordPublisher.FailedSend> failed = publisher.settle(publication);

    assertThat(failed).singleElement().satisfies(f -> assertThat(f.topic()).contains("status of " + feed.id()));
    assertThat(kafka.history()).as("no status sent").hasSize(16);
    assertThat(stateSaved()).as("the feed is polled again in full").isFalse();
  }

  @Test
  void aFailedSendKeepsTheOldState() {
    MockProducer<String, SpecificRecordBase> kafka = kafkaFailingWith(() -> new TimeoutException("broker gone"));
    RecordPublisher publisher = new RecordPublisher(kafka, "posts.raw", "feeds.status", states);

    RecordPublisher.Publication publication = publisher.publish(feed.id(), poll());
    publication.sent().join();
    kafka.flush();
    List<RecordPublisher.FailedSend> failed = publisher.settle(publication);

    assertThat(failed).hasSize(17).allSatisfy(f -> assertThat(f.error()).isInstanceOf(TimeoutException.class));
    assertThat(failed.get(16).topic()).isEqualTo("feeds.status");
    assertThat(stateSaved()).as("not saved: the next poll must fetch in full").isFalse();
  }
}
