package io.feedpipe.client.consume;

import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * Told what a {@link DurableConsumer} did, for metrics: batches written and committed, records
 * rejected or skipped, offsets committed. Without one the loop tells nobody ({@link #NONE}).
 *
 * <p>Called on the loop's thread, between a batch and the next: implementations must be quick and
 * must not throw.
 */
public interface ConsumeListener {

  /** Tells nobody. */
  ConsumeListener NONE = new ConsumeListener() {};

  /**
   * A batch is done: {@code written} records were handed to the handler and made durable (the
   * records of the batch that were rejected are not among them), and the batch's offsets were
   * committed; {@code nanos} from handing the batch to the handler to the end of the commit,
   * isolating rejects included. A batch retried after a transient failure is told once, when it
   * finally succeeds.
   */
  default void batchDone(int written, long nanos) {}

  /** A record that can never be written went to the {@link DurableConsumer.RejectHandler}, which kept it. */
  default void rejected(Throwable failure) {}

  /** A record that does not decode went to the {@link DurableConsumer.PoisonHandler}, which kept it; it is skipped. */
  default void poisonSkipped(RecordDeserializationException failure) {}

  /** Offsets were committed to the group (after a batch, a skipped record, or past transaction markers). */
  default void committed() {}
}
