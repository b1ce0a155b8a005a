/**
 * {@code feedpipe bench}: the whole pipeline measured against what the machine can do at all.
 *
 * <p>Pure parts, unit-tested without a broker: the generated posts ({@link
 * io.feedpipe.app.bench.BenchPosts} from the LessWrong fixture, laid out over feeds by {@link
 * io.feedpipe.app.bench.BenchFeeds}), the exactly-once ledger ({@link
 * io.feedpipe.app.bench.DeliveryLedger}), latency percentiles ({@link
 * io.feedpipe.app.bench.LatencyRecorder}), the ratios ({@link io.feedpipe.app.bench.BenchRatios})
 * and the table ({@link io.feedpipe.app.bench.BenchReport}). The wiring around them runs the stages
 * one after the other on the same posts ({@link io.feedpipe.app.bench.BenchRun}).
 */
package io.feedpipe.app.bench;
