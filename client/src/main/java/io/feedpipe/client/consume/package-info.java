/**
 * Consuming as a downstream service: {@link io.feedpipe.client.consume.DurableConsumer} polls,
 * hands each batch to your handler, and commits the batch's offsets only after the handler
 * returned, that is after the work is durable; {@link io.feedpipe.client.consume.RevisionCheck}
 * makes the handler idempotent by post id and revision, so a batch delivered twice (after a crash
 * between the write and the commit, a rebalance, or a replay) changes nothing the second time.
 *
 * <p>A record is the unit of failure: {@link io.feedpipe.client.consume.StandardFailures} tells a
 * failure of the records (a value the store refuses) from one of the store (an outage), and for the
 * former the loop isolates the records at fault ({@link io.feedpipe.client.consume.BatchBisection})
 * and hands them to a {@link io.feedpipe.client.consume.DurableConsumer.RejectHandler} while the
 * rest of the batch is written.
 */
package io.feedpipe.client.consume;
