/**
 * Consuming as a downstream service: {@link io.feedpipe.client.consume.DurableConsumer} polls,
 * hands each batch to your handler, and commits the batch's offsets only after the handler
 * returned, that is after the work is durable; {@link io.feedpipe.client.consume.RevisionCheck}
 * makes the handler idempotent by post id and revision, so a batch delivered twice (after a crash
 * between the write and the commit, a rebalance, or a replay) changes nothing the second time.
 */
package io.feedpipe.client.consume;
