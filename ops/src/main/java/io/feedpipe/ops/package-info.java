/**
 * Operating the consumers of feedpipe's topics: {@link io.feedpipe.ops.replay} resets a consumer
 * group's offsets (a plan first, applied on request, never under a live group) and copies slices
 * of history into new topics; {@link io.feedpipe.ops.lag} measures how far groups are behind, in
 * records and in time, and judges each partition by Burrow-style rules over a sliding window
 * ({@link io.feedpipe.ops.lag.CatchUp} waits until a group has committed a topic's end);
 * {@link io.feedpipe.ops.assets} reads the shipped alert rules and dashboard (deploy/) as data:
 * their PromQL and the metric names it selects.
 * The decisions (plans, rules) are plain code; the Kafka Admin and consumer calls around them are thin.
 */
package io.feedpipe.ops;
