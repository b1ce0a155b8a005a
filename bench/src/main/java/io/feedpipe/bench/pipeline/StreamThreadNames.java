package io.feedpipe.bench.pipeline;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which threads of this JVM are a Kafka Streams app's stream threads, by name: Kafka Streams names
 * them {@code <application.id>-<process uuid>-StreamThread-<n>}. Their producers' network threads
 * ({@code kafka-producer-network-thread | …-StreamThread-<n>-producer}), state updaters and
 * cleaners are other threads. Pure.
 */
final class StreamThreadNames {
  private static final Pattern STREAM_THREAD = Pattern.compile("-StreamThread-\\d+$");

  private StreamThreadNames() {}

  static Predicate<String> of(String applicationId) {
    return name -> name.startsWith(applicationId + "-") && STREAM_THREAD.matcher(name).find();
  }
}
