/**
 * A real single-node Apache Kafka broker (KRaft mode, combined controller and broker) run inside
 * this JVM from the Kafka Maven artifacts, so feedpipe needs neither a Kafka download nor Docker.
 *
 * <p>Start one with {@link io.feedpipe.broker.EmbeddedKafkaBroker#start(BrokerConfig)}; its storage
 * lives under {@link io.feedpipe.broker.BrokerConfig#dataDir()} and survives restarts.
 */
package io.feedpipe.broker;
