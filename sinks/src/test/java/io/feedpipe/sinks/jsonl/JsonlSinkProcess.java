package io.feedpipe.sinks.jsonl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The JSON-lines sink as its own process, for {@link JsonlSinkKillIT} to kill with SIGKILL.
 * Arguments: bootstrap servers, directory, topic, group, roll bytes, roll interval in ms.
 */
public final class JsonlSinkProcess {
  public static void main(String[] args) throws Exception {
    JsonlSinkSettings settings = new JsonlSinkSettings(Path.of(args[1]), List.of(args[2]), args[3], null, Long.parseLong(args[4]),
        Duration.ofMillis(Long.parseLong(args[5])));
    JsonlSink sink = new JsonlSink(settings, Map.of("bootstrap.servers", args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        sink.stopAndAwait(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    sink.run();
  }
}
