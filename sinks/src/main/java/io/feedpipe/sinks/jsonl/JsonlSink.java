package io.feedpipe.sinks.jsonl;

import io.feedpipe.client.consume.DurableConsumer;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.sinks.json.RecordLine;
import io.feedpipe.sinks.metrics.SinkMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives topics as gzip JSON-lines files, exactly once across crashes. Its position is in the
 * files, not in Kafka: when a partition is assigned, the sink deletes the partition's unfinished
 * file and seeks to one past the last offset of its finished files (or to the beginning when there
 * are none); a file is finished — fsynced and renamed to a name carrying its last offset — when
 * it reaches the roll size or age, when its partition is revoked, and on a clean stop. Offsets are
 * committed to the consumer group after each finished file, so {@code feedpipe lag} sees the sink,
 * but they only ever follow the files.
 *
 * <p>Replaying the group's offsets therefore changes nothing here (no line is written twice); to
 * archive again, move the topic's folder away.
 *
 * <p>A record is the unit of failure. A record that cannot have a line — it does not render as
 * JSON, or its line is longer than {@link JsonlSinkSettings#maxLineBytes()} — fails the same way
 * on every attempt: it goes to the partition's {@link RejectsFile} with the reason, and the sink
 * goes on with the next record. (A value that does not decode is not such a record: it is archived
 * as bytes with an {@code "error"}.) An I/O failure of the archive (disk full, a file that cannot
 * be written or renamed) is transient: the sink deletes its unfinished files, goes back to the
 * position its finished files give, exactly as after a restart, and reads on after a backoff (1 s,
 * doubling to 30 s), for as long as it takes.
 *
 * <p>Metrics ({@link SinkMeters}, {@code sink="jsonl"}): lines counted as written when their file
 * is finished (before that they are not durable), rejects by kind ({@code not_json}, {@code
 * line_too_long}), the duration of each polled batch (archived, files rolled, offsets committed)
 * and the age of the last commit, which follows the finished files: it grows up to {@link
 * JsonlSinkSettings#rollInterval()} in normal running.
 */
public final class JsonlSink implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(JsonlSink.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** The {@code sink} label of this sink's metrics. */
  public static final String SINK = "jsonl";

  private final JsonlSinkSettings settings;
  private final Map<String, Object> consumerProps;
  private final RecordLine lines;
  private final SinkMeters meters;
  private final Map<TopicPartition, PartitionFile> open = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  /** Where each assigned partition was resumed: after its last finished archive file. */
  private final Map<TopicPartition, Long> resumedAt = new HashMap<>();
  /**
   * The offsets in each assigned partition's rejects file from where it was resumed on, read from
   * the file at the partition's first reject after its assignment, then kept up: a record the sink
   * reads again (after a restart, a rebalance or an archive failure it resumes after its last
   * finished file) that is in the rejects file already is not appended twice, and any other is. One
   * entry per reject since the assignment.
   */
  private final Map<TopicPartition, Set<Long>> rejectedSinceResume = new HashMap<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong linesWritten = new AtomicLong();
  private final AtomicLong filesFinished = new AtomicLong();
  private final AtomicLong recordsRejected = new AtomicLong();
  private final AtomicLong archiveFailures = new AtomicLong();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private ArchiveDirectory archive;

  /** @param kafkaProps bootstrap servers and any client settings (security); the sink adds its own */
  public JsonlSink(JsonlSinkSettings settings, Map<String, Object> kafkaProps) {
    this(settings, kafkaProps, FeedpipeTopics.defaults(List.of()));
  }

  /** A sink of the pipeline whose topics are {@code names}: its topics' values are decoded under their prefix. */
  public JsonlSink(JsonlSinkSettings settings, Map<String, Object> kafkaProps, FeedpipeTopics names) {
    this(settings, kafkaProps, names, SinkMeters.none(SINK));
  }

  /** A sink of the pipeline whose topics are {@code names}, counting in {@code registry} (docs/metrics.md, "Sinks"). */
  public JsonlSink(JsonlSinkSettings settings, Map<String, Object> kafkaProps, FeedpipeTopics names, MeterRegistry registry) {
    this(settings, kafkaProps, names, new SinkMeters(registry, SINK));
  }

  private JsonlSink(JsonlSinkSettings settings, Map<String, Object> kafkaProps, FeedpipeTopics names, SinkMeters meters) {
    this.meters = meters;
    this.lines = new RecordLine(names);
    this.settings = settings;
    Map<String, Object> props = new HashMap<>(kafkaProps);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.instanceId());
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-sink-jsonl");
    props.putAll(DurableConsumer.safetySettings()); // no auto-commit, read_committed, earliest
    this.consumerProps = props;
  }

  @Override
  public void run() {
    try (ArchiveDirectory dir = ArchiveDirectory.open(settings.dir());
        KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      this.archive = dir;
      this.consumer = kafka;
      if (stopRequested.getCount() == 0) {
        return;
      }
      kafka.subscribe(settings.topics(), new Rebalance());
      log.info("archiving {} into {} (group {}, new file every {} or {} bytes)", settings.topics(), settings.dir(), settings.groupId(),
          settings.rollInterval(), settings.rollBytes());
      boolean clean = false;
      try {
        Duration backoff = FIRST_BACKOFF;
        boolean atArchivePosition = true;
        while (stopRequested.getCount() > 0) {
          try {
            if (!atArchivePosition) {
              seekToArchivePositions();
              atArchivePosition = true;
            }
            ConsumerRecords<byte[], byte[]> records;
            try {
              records = kafka.poll(POLL_TIMEOUT);
            } catch (WakeupException e) {
              continue;
            }
            long started = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
              archive(record);
            }
            rollDue();
            commitSkippedMarkers();
            if (!records.isEmpty()) {
              meters.batch(System.nanoTime() - started);
              backoff = FIRST_BACKOFF; // records went into files again
            }
          } catch (UncheckedIOException | KafkaException e) {
            UncheckedIOException io = ioFailure(e); // a KafkaException wraps what the rebalance listener threw
            if (io == null) {
              throw e;
            }
            // The files are the position: drop what is unfinished and go back to where the finished
            // files end, as a restart would, instead of dying on a full disk.
            archiveFailures.incrementAndGet();
            log.warn("archive I/O failed ({}); unfinished files deleted, reading their records again in {} ms (check free space and permissions of the archive directory)",
                io.getMessage(), backoff.toMillis());
            discardAll();
            atArchivePosition = false;
            if (awaitStop(backoff)) {
              break;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
          }
        }
        if (!atArchivePosition) {
          return; // the unfinished files are gone; nothing to finish
        }
        finish(new ArrayList<>(open.keySet()));
        clean = true;
      } finally {
        if (!clean) {
          discardAll(); // the files were going to be deleted at the next start anyway
        }
        try {
          kafka.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
          log.warn("closing the consumer: {}", e.toString());
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  /** Asks the sink to finish its open files and stop; returns at once. */
  public void stop() {
    stopRequested.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  public boolean stopAndAwait(Duration timeout) throws InterruptedException {
    stop();
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public long linesWritten() {
    return linesWritten.get();
  }

  public long filesFinished() {
    return filesFinished.get();
  }

  /** Records written to a rejects file instead of the archive. */
  public long recordsRejected() {
    return recordsRejected.get();
  }

  private void archive(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    RecordLine.Rendered rendered = lines.render(record, settings.maxLineBytes());
    if (rendered instanceof RecordLine.Line line) {
      open.computeIfAbsent(tp, p -> archive.create(p.topic(), p.partition())).append(line.bytes(), record.offset());
      linesWritten.incrementAndGet();
    } else {
      RecordLine.Refused refused = (RecordLine.Refused) rendered;
      String reason = refused.reason();
      Set<Long> rejected = rejectedSinceResume.computeIfAbsent(tp,
          p -> RejectsFile.offsetsFrom(archive.topicDir(p.topic()), p.partition(), resumedAt.getOrDefault(p, 0L)));
      if (rejected.contains(record.offset())) {
        log.debug("{} offset {} is in {} already: {}", tp, record.offset(), RejectsFile.fileName(record.partition()), reason);
        return;
      }
      RejectsFile.append(archive.topicDir(record.topic()), record, reason);
      rejected.add(record.offset());
      recordsRejected.incrementAndGet();
      meters.rejected(refused.kind().label());
      log.error("{} offset {} cannot be archived, kept in {}: {}", tp, record.offset(), RejectsFile.fileName(record.partition()), reason);
    }
  }

  /** I/O failures of the archive so far, each followed by a backoff and a return to the files' position. */
  public long archiveFailures() {
    return archiveFailures.get();
  }

  private static UncheckedIOException ioFailure(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UncheckedIOException io) {
        return io;
      }
    }
    return null;
  }

  /** Waits for a stop request up to {@code timeout}; true when the sink is to stop. */
  private boolean awaitStop(Duration timeout) {
    try {
      return stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Every assigned partition back to one past its finished files' last offset (or its beginning). */
  private void seekToArchivePositions() {
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong resume = archive.recover(tp.topic(), tp.partition());
      if (resume.isPresent()) {
        consumer.seek(tp, resume.getAsLong());
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
    }
  }

  private void rollDue() {
    List<TopicPartition> due = new ArrayList<>();
    long maxAge = settings.rollInterval().toNanos();
    open.forEach((tp, file) -> {
      if (file.bytes() >= settings.rollBytes() || file.ageNanos() >= maxAge) {
        due.add(tp);
      }
    });
    if (!due.isEmpty()) {
      finish(due);
    }
  }

  /** Finishes the partitions' files and commits one past their last offsets. */
  private void finish(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      PartitionFile file = open.remove(tp);
      if (file == null) {
        continue;
      }
      ArchiveFileName name = file.finish();
      if (name != null) {
        filesFinished.incrementAndGet();
        meters.written(file.lines());
        // the position, not lastOffset + 1: it also passes the transaction markers after the
        // last line, so a caught-up sink shows no lag
        offsets.put(tp, new OffsetAndMetadata(Math.max(name.lastOffset() + 1, position(tp))));
        log.debug("archived {} ({} lines)", name.fileName(), file.lines());
      }
    }
    commitQuietly(offsets);
  }

  /**
   * A partition with no open file has nothing pending: if its position moved past transaction
   * markers since the last commit, commit that (the files are unaffected: markers are not lines).
   */
  private void commitSkippedMarkers() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      Long last = committed.get(tp);
      if (last != null && !open.containsKey(tp)) {
        long position = position(tp);
        if (position > last) {
          offsets.put(tp, new OffsetAndMetadata(position));
        }
      }
    }
    commitQuietly(offsets);
  }

  private long position(TopicPartition tp) {
    try {
      return consumer.position(tp, Duration.ofSeconds(5));
    } catch (RuntimeException e) { // timeout, wakeup, not assigned any more
      return -1;
    }
  }

  private void commitQuietly(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        consumer.commitSync(offsets);
        offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
        meters.committed();
        return;
      } catch (WakeupException e) {
        // stop() woke the consumer; the files are finished, so commit once more
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // The files are the truth; the group's offsets only mirror them for monitoring.
        log.info("could not commit {} ({}); the archive files keep the position", offsets.keySet(), e.toString());
        return;
      }
    }
  }

  private void discardAll() {
    for (PartitionFile file : open.values()) {
      try {
        file.discard();
      } catch (RuntimeException e) {
        log.warn("{}", e.getMessage());
      }
    }
    open.clear();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        rejectedSinceResume.remove(tp); // another member may have rejected records of it meanwhile: read the file again
        PartitionFile stale = open.remove(tp);
        if (stale != null) {
          stale.discard();
        }
        OptionalLong resume = archive.recover(tp.topic(), tp.partition());
        if (resume.isPresent()) {
          consumer.seek(tp, resume.getAsLong());
          committed.put(tp, resume.getAsLong());
          resumedAt.put(tp, resume.getAsLong());
          log.info("{}: resuming after the archive's last line, at offset {}", tp, resume.getAsLong());
        } else {
          resumedAt.put(tp, 0L);
          consumer.seekToBeginning(List.of(tp));
          log.info("{}: nothing archived yet, starting from the beginning", tp);
        }
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      finish(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Another member may own them already: do not finish a file it may be writing too.
      for (TopicPartition tp : partitions) {
        PartitionFile file = open.remove(tp);
        if (file != null) {
          file.discard();
        }
      }
    }
  }
}
