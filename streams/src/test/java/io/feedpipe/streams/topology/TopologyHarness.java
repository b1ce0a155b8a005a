package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.metrics.StreamsMeters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The topology of some settings under TopologyTestDriver, with its input and the topics tests read. */
final class TopologyHarness implements AutoCloseable {
  final TopologyTestDriver driver;
  final TestInputTopic<String, FetchedPost> raw;
  final TestOutputTopic<String, CleanPost> clean;
  final TestOutputTopic<byte[], byte[]> dlq;

  TopologyHarness(StreamsSettings settings) {
    this(settings, StreamsMeters.none());
  }

  TopologyHarness(StreamsSettings settings, StreamsMeters meters) {
    driver = new TopologyTestDriver(FeedpipeTopology.build(settings, DedupeSweepListener.NONE, meters),
        StreamsProperties.of(settings, "unused:9092", Map.of()),
        FeedpipeTopologyTest.T0);
    raw = driver.createInputTopic(settings.topics().raw(), new StringSerializer(), AvroSerdes.serializer(FetchedPost.class));
    clean = output(settings.topics().clean());
    dlq = driver.createOutputTopic(settings.topics().dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  TestOutputTopic<String, CleanPost> output(String topic) {
    return driver.createOutputTopic(topic, new StringDeserializer(), AvroSerdes.deserializer(CleanPost.class));
  }

  void send(FetchedPost post) {
    raw.pipeInput(post.getPostId(), post, post.getFetchedAt());
  }

  static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
  }
}
