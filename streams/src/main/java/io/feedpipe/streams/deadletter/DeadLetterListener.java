package io.feedpipe.streams.deadletter;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Told about every dead letter handed to Kafka Streams for {@code posts.dlq}, with its reason: the
 * metrics count them.
 *
 * <p>How the handlers find it: Kafka Streams creates its exception handlers itself, from class
 * names, and hands each the configuration map in {@code configure}; a handler has no other way in.
 * So the listener object itself is put in that map under {@link #CONFIG} ({@code
 * StreamsProperties}), and the handlers look it up there ({@link #configured}). Kafka keeps
 * unknown keys, objects included, in the map it hands the handlers (its clients get them too, as
 * custom settings they ignore), so the same object, and the registry behind it, reaches every
 * handler of every stream thread. Without it, nothing is told.
 *
 * <p>Called on stream threads (and the producer's send callback), concurrently: implementations
 * must be thread-safe and quick.
 */
@FunctionalInterface
public interface DeadLetterListener {

  /** The Streams config key holding the listener object. */
  String CONFIG = "feedpipe.deadletter.listener";

  /** Listens to nothing. */
  DeadLetterListener NONE = reason -> {};

  void deadLettered(DeadLetterReason reason);

  /** The listener in a handler's configuration; {@link #NONE} when there is none. */
  static DeadLetterListener configured(Map<String, ?> configs) {
    Object value = configs.get(CONFIG);
    if (value == null) {
      return NONE;
    }
    if (value instanceof DeadLetterListener listener) {
      return listener;
    }
    throw new ConfigException(CONFIG, value, "must be a " + DeadLetterListener.class.getName()
        + " object set by feedpipe, not a setting");
  }
}
