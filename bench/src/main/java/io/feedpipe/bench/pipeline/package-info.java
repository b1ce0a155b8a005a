/**
 * {@code feedpipe bench}: the whole pipeline measured against what the machine can do at all.
 *
 * <p>Pure parts, unit-tested without a broker: the generated posts ({@link
 * io.feedpipe.bench.pipeline.BenchPosts} from the LessWrong fixture, laid out over feeds by {@link
 * io.feedpipe.bench.pipeline.BenchFeeds}), the exactly-once ledger ({@link
 * io.feedpipe.bench.pipeline.DeliveryLedger}), latency percentiles ({@link
 * io.feedpipe.bench.pipeline.LatencyRecorder}), the ratios ({@link io.feedpipe.bench.pipeline.BenchRatios})
 * and the table ({@link io.feedpipe.bench.pipeline.BenchReport}). The wiring around them runs the stages
 * one after the other on the same posts ({@link io.feedpipe.bench.pipeline.BenchRun}).
 */
package io.feedpipe.bench.pipeline;
