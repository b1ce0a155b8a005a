/**
 * {@code feedpipe bench-memory}: the dedupe store on disk and the Streams heap over many distinct
 * posts, against the bounds the design promises.
 *
 * <p>Pure parts, unit-tested without a broker: the synthetic posts ({@link
 * io.feedpipe.bench.memory.SyntheticPosts}) and their simulated fetch times ({@link
 * io.feedpipe.bench.memory.Timeline}), the bounds derived from the settings ({@link
 * io.feedpipe.bench.memory.MemoryBounds}), the samples ({@link io.feedpipe.bench.memory.SampleStats})
 * and the table with its verdicts ({@link io.feedpipe.bench.memory.Report}). The wiring around them
 * writes the posts and runs the real topology on a {@link io.feedpipe.bench.memory.SimulatedClock}
 * ({@link io.feedpipe.bench.memory.BenchMemoryRun}).
 */
package io.feedpipe.bench.memory;
