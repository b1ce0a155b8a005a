/**
 * A Kafka cluster for integration tests: annotate a {@code *IT} class with {@link
 * io.feedpipe.testkit.KafkaCluster} and take a {@link io.feedpipe.testkit.KafkaClusterInfo}
 * parameter. One cluster is shared by all test classes in a JVM; tests keep apart by {@link
 * io.feedpipe.testkit.KafkaClusterInfo#uniqueName(String) unique} topic names, group ids and
 * application ids. System property {@value io.feedpipe.testkit.KafkaClusterKind#PROPERTY} picks the
 * kind of cluster.
 */
package io.feedpipe.testkit;
