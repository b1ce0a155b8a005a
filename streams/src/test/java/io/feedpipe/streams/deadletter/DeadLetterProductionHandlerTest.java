package io.feedpipe.streams.deadletter;

import io.feedpipe.schemas.topics.DeadLetterHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {

  private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
  private final List<DeadLetterReason> counted = new ArrayList<>();
  private final ProducerRecord<byte[], byte[]> output =
      new ProducerRecord<>("posts.clean", "k".getBytes(StandardCharsets.UTF_8), new byte[2_000_000]);

  DeadLetterProductionHandlerTest() {
    DeadLetterListener listener = counted::add;
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "posts.dlq", DeadLetterListener.CONFIG, listener));
  }

  @Test
  void recordRefusedForWhatItIsIsLeftOutAndDeadLetteredWithoutItsValue() {
    var response = handler.handleError(context(), output, new RecordTooLargeException("too large"));
    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
      assertThat(letter.topic()).isEqualTo("posts.dlq");
      assertThat(letter.value()).isNull(); // the 300 KB source value is referenced, not copied
      assertThat(text(letter.headers(), DeadLetterHeaders.MESSAGE))
          .isEqualTo("the record for posts.clean (2000000 bytes) was refused: RecordTooLargeException: too large");
      assertThat(text(letter.headers(), DeadLetters.SINK_TOPIC_HEADER)).isEqualTo("posts.clean");
      assertThat(text(letter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("9");
    });
    // Under exactly-once this letter aborts with the transaction; the retry's dead letter is the one counted.
    assertThat(counted).isEmpty();
  }

  @Test
  void retriableErrorsAreRetriedAndOthersFail() {
    assertThat(handler.handleError(context(), output, new TimeoutException("slow")).result()).isEqualTo(Result.RETRY);
    assertThat(handler.handleError(context(), output, new AuthorizationException("no")).result()).isEqualTo(Result.FAIL);
  }

  @Test
  void serializationErrorIsDeadLettered() {
    var response = handler.handleSerializationError(context(), output, new SerializationException("bad"), SerializationExceptionOrigin.VALUE);
    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(text(response.deadLetterQueueRecords().get(0).headers(), DeadLetterHeaders.MESSAGE))
        .isEqualTo("the record for posts.clean could not be serialized (value): bad");
    assertThat(counted).containsExactly(DeadLetterReason.REFUSED);
  }

  @Test
  void aListenerSetAsATextSettingIsRefusedByName() {
    var other = new DeadLetterProductionHandler();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.configure(Map.of(DeadLetterListener.CONFIG, "com.example.Listener")))
        .hasMessageContaining(DeadLetterListener.CONFIG);
  }

  private static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static ErrorHandlerContext context() {
    return new ErrorHandlerContext() {
      @Override public String topic() { return "posts.raw"; }
      @Override public int partition() { return 1; }
      @Override public long offset() { return 9; }
      @Override public Headers headers() { return new RecordHeaders(); }
      @Override public String processorNodeId() { return "write-clean"; }
      @Override public TaskId taskId() { return new TaskId(0, 1); }
      @Override public long timestamp() { return 1000; }
      @Override public byte[] sourceRawKey() { return "k".getBytes(StandardCharsets.UTF_8); }
      @Override public byte[] sourceRawValue() { return new byte[300_000]; }
    };
  }
}
