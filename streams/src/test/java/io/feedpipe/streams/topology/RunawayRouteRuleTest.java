package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.route.RouteRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route rule whose regular expression runs away on one post: that post's routing goes to the
 * dead-letter topic with the rule named, the post is still in {@code posts.clean} and in the other
 * routes, and the next post is routed as usual.
 */
class RunawayRouteRuleTest {

  @TempDir Path stateDir;

  @Test
  void runawayRuleSendsTheRecordToTheDeadLetterTopicAndEverythingElseGoesOn() {
    List<RouteRule> routes = List.of(
        new RouteRule("runaway", Set.of(), Set.of(), Pattern.compile("(.*,){11}P")),
        new RouteRule("all", Set.of("lesswrong"), Set.of(), null));
    StreamsSettings settings = StreamsSettings.defaults(routes, stateDir);
    try (TopologyTestDriver driver = new TopologyTestDriver(
        FeedpipeTopology.build(settings), StreamsProperties.of(settings, "unused:9092", Map.of()), FeedpipeTopologyTest.T0)) {
      TestInputTopic<String, FetchedPost> raw =
          driver.createInputTopic(FeedpipeTopics.RAW, new StringSerializer(), AvroSerdes.serializer(FetchedPost.class));
      var cleanDe = AvroSerdes.deserializer(CleanPost.class);
      TestOutputTopic<String, CleanPost> clean = driver.createOutputTopic(FeedpipeTopics.CLEAN, new StringDeserializer(), cleanDe);
      TestOutputTopic<String, CleanPost> runaway = driver.createOutputTopic("posts.route.runaway", new StringDeserializer(), cleanDe);
      TestOutputTopic<String, CleanPost> all = driver.createOutputTopic("posts.route.all", new StringDeserializer(), cleanDe);
      TestOutputTopic<byte[], byte[]> dlq =
          driver.createOutputTopic(FeedpipeTopics.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());

      FetchedPost hostile = FeedpipeTopologyTest.post("a1", "1,".repeat(40) + "x", "<p>x</p>", FeedpipeTopologyTest.T0);
      FetchedPost plain = FeedpipeTopologyTest.post("a2", "a,b,c,d,e,f,g,h,i,j,k,P", "<p>y</p>", FeedpipeTopologyTest.T0);
      raw.pipeInput(hostile.getPostId(), hostile, FeedpipeTopologyTest.T0);
      raw.pipeInput(plain.getPostId(), plain, FeedpipeTopologyTest.T0);

      assertThat(clean.readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1", "lesswrong:a2");
      assertThat(all.readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1", "lesswrong:a2");
      assertThat(runaway.readKeyValuesToMap()).containsOnlyKeys("lesswrong:a2");
      List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
      assertThat(dead).hasSize(1);
      assertThat(header(dead.get(0), "__streams.errors.offset")).isEqualTo("0"); // the hostile post's raw record
      assertThat(header(dead.get(0), "__streams.errors.message"))
          .startsWith("route rule 'runaway', post lesswrong:a1: regular expression /(.*,){11}P/ gave up on the title");
    }
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
