/**
 * What a downstream service needs to consume feedpipe's topics: {@link io.feedpipe.client.FeedpipeTopic}
 * binds each topic to its value type and serde, {@link io.feedpipe.client.serde} has the serdes by
 * class name for property-based configuration, {@link io.feedpipe.client.DeadLetter} reads the
 * dead-letter headers, and {@link io.feedpipe.client.consume} has the consume → process
 * idempotently → commit loop. Depends only on the schemas and kafka-clients; see docs/consuming.md.
 */
package io.feedpipe.client;
