package io.feedpipe.streams.health;

import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.HealthState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each feed's health in a store and writes it to feeds.health when it changes. Status events
 * are judged at their own time ({@link FeedHealthRules#onStatus}), so a Streams app catching up on
 * a backlog replays the feed's history as it happened. DEAD and STALE need time to pass without
 * events: a wall-clock punctuation every {@code health.check-interval} judges every stored feed at
 * the current time ({@link FeedHealthRules#onClock}) and forgets feeds without events for {@code
 * health.forget-after} (a tombstone in feeds.health).
 */
final class FeedHealthProcessor implements Processor<String, FeedStatus, String, FeedHealth> {
  private static final Logger log = LoggerFactory.getLogger(FeedHealthProcessor.class);

  private final FeedHealthRules rules;
  private ProcessorContext<String, FeedHealth> context;
  private KeyValueStore<String, FeedHealth> store;

  FeedHealthProcessor(FeedHealthRules rules) {
    this.rules = rules;
  }

  @Override
  public void init(ProcessorContext<String, FeedHealth> context) {
    this.context = context;
    this.store = context.getStateStore(FeedHealthTopology.STORE);
    context.schedule(rules.settings().checkInterval(), PunctuationType.WALL_CLOCK_TIME, now -> check(Instant.ofEpochMilli(now)));
  }

  @Override
  public void process(Record<String, FeedStatus> record) {
    FeedStatus status = record.value();
    if (status == null) {
      return; // feeds.status holds events, never tombstones; nothing to judge
    }
    String feedId = status.getFeedId();
    if (record.key() != null && !record.key().equals(feedId)) {
      // A mis-keyed event would be judged on another partition than the feed's other events.
      throw new IllegalArgumentException("feeds.status record key '" + record.key() + "' differs from its feedId '" + feedId + "'");
    }
    FeedHealth previous = store.get(feedId);
    FeedHealth next = rules.onStatus(previous, status);
    Instant at = status.getTime();
    if (rules.worthPublishing(previous, next, at)) {
      next = FeedHealthRules.writtenAt(next, at);
      // A first OK is no news; every other change of state is, for operators reading the log.
      if (previous == null ? next.getState() != HealthState.OK : previous.getState() != next.getState()) {
        log.info("feed {} is {}{}", feedId, next.getState(), next.getReason() == null ? "" : ": " + next.getReason());
      }
      store.put(feedId, next);
      context.forward(record.withKey(feedId).withValue(next));
    } else {
      store.put(feedId, next);
    }
  }

  /** Judges every feed of this task's partition at {@code now}; writes those whose state changed. */
  private void check(Instant now) {
    List<KeyValue<String, FeedHealth>> changed = new ArrayList<>();
    List<String> forgotten = new ArrayList<>();
    try (KeyValueIterator<String, FeedHealth> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, FeedHealth> entry = all.next();
        if (rules.forgettable(entry.value, now)) {
          forgotten.add(entry.key);
          continue;
        }
        FeedHealth next = rules.onClock(entry.value, now);
        if (next != entry.value) {
          changed.add(KeyValue.pair(entry.key, FeedHealthRules.writtenAt(next, now)));
        }
      }
    }
    // Written with the iterator closed: a store must not change under an open iterator.
    for (KeyValue<String, FeedHealth> c : changed) {
      log.info("feed {} is {}{}", c.key, c.value.getState(), c.value.getReason() == null ? "" : ": " + c.value.getReason());
      store.put(c.key, c.value);
      context.forward(new Record<>(c.key, c.value, now.toEpochMilli()));
    }
    for (String feedId : forgotten) {
      store.delete(feedId);
      context.forward(new Record<String, FeedHealth>(feedId, null, now.toEpochMilli()));
    }
    if (!forgotten.isEmpty()) {
      log.info("feed health: forgot {} feed(s) without a status event for {}", forgotten.size(), FeedHealthRules.text(rules.settings().forgetAfter()));
    }
  }
}
