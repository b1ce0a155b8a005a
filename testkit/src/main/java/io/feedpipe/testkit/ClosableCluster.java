package io.feedpipe.testkit;

/** A cluster the extension started and must stop; closing never throws a checked exception. */
interface ClosableCluster extends KafkaClusterInfo, AutoCloseable {

  @Override
  void close();
}
