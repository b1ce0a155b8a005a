package io.feedpipe.bench.pipeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends the bench's in-memory copies of posts.raw records, and fails naming the first refusal. */
final class RecordCopies {
  private RecordCopies() {}

  /**
   * Sends the first {@code count} of {@code keys} with their {@code values} to {@code topic}, then
   * flushes.
   *
   * @throws IllegalStateException when any was not acknowledged, with the first error as its cause
   */
  static void sendAll(Producer<String, byte[]> producer, String topic, List<String> keys, List<byte[]> values, int count,
      String what) {
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> first = new AtomicReference<>();
    for (int i = 0; i < count; i++) {
      producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)), (metadata, e) -> {
        if (e != null) {
          failed.incrementAndGet();
          first.compareAndSet(null, e);
        }
      });
    }
    producer.flush();
    if (failed.get() > 0) {
      throw new IllegalStateException(what + ": " + failed.get() + " records to " + topic + " were not acknowledged, the first: "
          + first.get(), first.get());
    }
  }
}
