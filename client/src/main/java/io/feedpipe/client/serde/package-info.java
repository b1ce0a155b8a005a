/**
 * Serdes for feedpipe's record types by class name, for clients configured with properties
 * ({@code value.deserializer=io.feedpipe.client.serde.CleanPostDeserializer}) or Kafka Streams'
 * {@code default.value.serde}. In code, {@link io.feedpipe.client.FeedpipeTopic} gives the same
 * serdes bound to their topics.
 */
package io.feedpipe.client.serde;
