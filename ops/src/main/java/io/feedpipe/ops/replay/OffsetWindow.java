package io.feedpipe.ops.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of a time window in each partition of a topic: from the first record at or after
 * {@code from} (the log start without one) up to, not including, the first at or after {@code
 * until} (the end without one). The end is what the consumer sees: under read_committed the last
 * stable offset. Shared by {@code replay --into} (a slice copy) and {@code reprocess} (a scan).
 *
 * @param start per partition, the first offset in the window
 * @param stop per partition, the offset after the window's last record
 */
public record OffsetWindow(Map<TopicPartition, Long> start, Map<TopicPartition, Long> stop) {

  /** Asks the broker through {@code consumer} for the window's bounds in {@code partitions}. */
  public static OffsetWindow of(Consumer<?, ?> consumer, List<TopicPartition> partitions, Optional<Instant> from,
      Optional<Instant> until, Duration timeout) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    Map<TopicPartition, Long> start = from.isPresent()
        ? offsetsForTime(consumer, partitions, from.get(), ends, timeout) : consumer.beginningOffsets(partitions, timeout);
    Map<TopicPartition, Long> stop = until.isPresent() ? offsetsForTime(consumer, partitions, until.get(), ends, timeout) : ends;
    return new OffsetWindow(Map.copyOf(start), Map.copyOf(stop));
  }

  /** Told each record of the window, and at most every 200 ms how many were read so far. */
  public interface Reader {
    void record(ConsumerRecord<byte[], byte[]> record);

    void progress(long scanned);
  }

  /** The error to throw when no record arrived for a while: with the records read so far and the partitions not finished. */
  @FunctionalInterface
  public interface Stuck {
    RuntimeException after(long scanned, List<TopicPartition> open);
  }

  /**
   * Reads each record of the window once: assigns {@code consumer} to the non-empty partitions,
   * seeks each to its start, hands every record before its partition's stop to {@code reader}, and
   * pauses a partition once read to its stop, until all are. When no record arrives for {@code
   * stuck}, throws what {@code onStuck} makes. Returns the records read.
   */
  public long read(Consumer<byte[], byte[]> consumer, Duration stuck, Stuck onStuck, Reader reader) {
    List<TopicPartition> open = nonEmpty();
    long scanned = 0;
    if (open.isEmpty()) {
      return 0;
    }
    consumer.assign(open);
    open.forEach(tp -> consumer.seek(tp, start.get(tp)));
    long lastReport = 0;
    long lastRecord = System.nanoTime();
    while (!open.isEmpty()) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<byte[], byte[]> r : records) {
        if (r.offset() < stop.get(new TopicPartition(r.topic(), r.partition()))) {
          scanned++;
          reader.record(r);
        }
      }
      if (!records.isEmpty()) {
        lastRecord = System.nanoTime();
      } else if (System.nanoTime() - lastRecord > stuck.toNanos()) {
        throw onStuck.after(scanned, List.copyOf(open));
      }
      List<TopicPartition> done = open.stream().filter(tp -> consumer.position(tp) >= stop.get(tp)).toList();
      if (!done.isEmpty()) {
        open.removeAll(done);
        consumer.pause(done);
      }
      if (System.nanoTime() - lastReport > 200_000_000L) {
        reader.progress(scanned);
        lastReport = System.nanoTime();
      }
    }
    return scanned;
  }

  /** Records in the window, all partitions together. */
  public long total() {
    return start.keySet().stream().mapToLong(this::size).sum();
  }

  /** The partitions with at least one record in the window. */
  public List<TopicPartition> nonEmpty() {
    List<TopicPartition> open = new ArrayList<>();
    start.keySet().stream().filter(tp -> size(tp) > 0).sorted((a, b) -> Integer.compare(a.partition(), b.partition())).forEach(open::add);
    return open;
  }

  private long size(TopicPartition tp) {
    return Math.max(0, stop.get(tp) - start.get(tp));
  }

  /** The first offset at or after {@code time}, the end where no record is that late. */
  private static Map<TopicPartition, Long> offsetsForTime(Consumer<?, ?> consumer, List<TopicPartition> partitions, Instant time,
      Map<TopicPartition, Long> ends, Duration timeout) {
    long timestamp = time.toEpochMilli();
    Map<TopicPartition, OffsetAndTimestamp> found =
        consumer.offsetsForTimes(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> timestamp)), timeout);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp o = found.get(tp);
      offsets.put(tp, o == null ? ends.get(tp) : Math.min(o.offset(), ends.get(tp)));
    }
    return offsets;
  }
}
