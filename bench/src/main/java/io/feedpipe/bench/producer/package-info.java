/**
 * {@code feedpipe bench-producer}: the real producer polling N local feeds, twice, into Kafka
 * ({@link io.feedpipe.bench.producer.ProducerBenchRun}); the feeds, a fraction of them answering 304
 * the second time ({@link io.feedpipe.bench.producer.BenchFeedServer}); where each round's CPU time
 * went, the producer's threads apart from the broker's and the feed server's ({@link
 * io.feedpipe.bench.producer.CpuAccount}).
 */
package io.feedpipe.bench.producer;
