package io.feedpipe.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * Drops the few WARN/ERROR lines of Kafka's that a normal feedpipe run produces and that ask for no
 * action, each matched narrowly (one logger and one message or exception), so that any other line
 * from the same logger still shows.
 *
 * <ul>
 *   <li>The embedded broker's replica manager logs, at ERROR with a stack trace, each first batch of a
 *       transaction that reached it before the partition joined the transaction
 *       ({@link OutOfOrderSequenceException}, retriable). With transactions v2 (Kafka 4, KIP-890) this
 *       is the protocol working: the producer retries the batch and nothing is lost
 *       (docs/benchmarks-and-faults.md, "Broker errors that are not failures").
 *   <li>The embedded broker's controller announces at WARN, at every start, that it becomes active
 *       (on an empty data directory: that it writes its bootstrap records).
 *   <li>A consumer closed while a list-offsets answer is on its way notes, for each partition, that
 *       it drops the answer ("Not updating high watermark … no longer assigned").
 *   <li>Kafka Streams warns that the processing exception handler does not cover global threads.
 *       feedpipe enables it ({@code StreamsProperties}) and has no global stores, but Kafka Streams
 *       also builds a configuration of its own defaults for every {@code new Topology()}, which
 *       repeats the warning.
 * </ul>
 */
public final class NoActionLogLines extends TurboFilter {

  static final String GLOBAL_HANDLER_ADVICE = "Processing exception handler is not enabled for the GlobalThread";
  static final String CONTROLLER_ACTIVATION = "Performing controller activation.";
  static final String DROPPED_HIGH_WATERMARK = "Not updating high watermark for partition";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (t instanceof OutOfOrderSequenceException && logger.getName().endsWith(".ReplicaManager")) {
      return FilterReply.DENY;
    }
    if (format == null) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    if (format.startsWith(GLOBAL_HANDLER_ADVICE) && name.equals("org.apache.kafka.streams.StreamsConfig")
        || name.equals("org.apache.kafka.controller.QuorumController") && format.contains(CONTROLLER_ACTIVATION)
        || format.contains(DROPPED_HIGH_WATERMARK) && name.equals("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils")) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
