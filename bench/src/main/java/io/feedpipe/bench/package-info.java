/**
 * The measuring harness behind {@code ./feedpipe bench}, {@code bench-memory} and {@code
 * bench-producer}: it runs feedpipe's real producer, topology and an embedded broker in one JVM and
 * measures them. {@link io.feedpipe.bench.pipeline} measures the whole pipeline against the
 * machine's ceilings and the floor of the work; {@link io.feedpipe.bench.memory} checks the Streams
 * app's store and heap against bounds derived from the settings; {@link io.feedpipe.bench.producer}
 * accounts the producer's throughput and CPU; {@link io.feedpipe.bench.support} holds what they
 * share: the settings the command hands in, the local feed server, temporary directories.
 *
 * <p>The commands in {@code app} parse options, resolve the configuration into a {@link
 * io.feedpipe.bench.support.BenchSettings} and print; nothing here depends on {@code app}. JMH
 * microbenchmarks (one method, no broker) are the {@code benchmarks} module.
 */
package io.feedpipe.bench;
