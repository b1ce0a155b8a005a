/**
 * What the benchmarks share: the part of feedpipe's configuration a command hands in ({@link
 * io.feedpipe.bench.support.BenchSettings}), the error for a run that cannot start as asked ({@link
 * io.feedpipe.bench.support.BenchSetupException}), feeds served on 127.0.0.1 ({@link
 * io.feedpipe.bench.support.LocalFeedServer}) and the cleanup of temporary directories.
 */
package io.feedpipe.bench.support;
