package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.metrics.StreamsMeters;
import io.feedpipe.streams.route.RouteRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** posts.reprocess goes through the same store as posts.raw: revision n+1 reaches posts.clean, posts.updates and its new route, once. */
class ReprocessTopologyTest {

  @TempDir Path stateDir;

  @Test
  void aReprocessRecordWhoseRoutesChangedIsWrittenOnceToCleanUpdatesAndTheNewRoute() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(
        new RouteRule("linkposts", Set.of(), Set.of(), Pattern.compile("^\\[Linkpost\\]")),
        new RouteRule("lesswrong", Set.of("lesswrong"), Set.of(), null)), stateDir);
    FetchedPost post = FeedpipeTopologyTest.post("a1", "Hello", "<p>Some words.</p>", FeedpipeTopologyTest.T0);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TopologyHarness topology = new TopologyHarness(settings, new StreamsMeters(registry))) {
      TestInputTopic<String, FetchedPost> reprocess = topology.driver.createInputTopic(settings.topics().reprocess(),
          new StringSerializer(), AvroSerdes.serializer(FetchedPost.class));
      TestOutputTopic<String, CleanPost> updates = topology.output(settings.topics().updates());
      TestOutputTopic<String, CleanPost> lesswrong = topology.output(settings.topics().route("lesswrong"));
      TestOutputTopic<String, CleanPost> linkposts = topology.output(settings.topics().route("linkposts"));
      topology.send(post);
      assertThat(topology.clean.readValuesToList()).extracting(CleanPost::getRevision).containsExactly(1);
      assertThat(lesswrong.readValuesToList()).hasSize(1);

      reprocess.pipeInput(post.getPostId(), post);
      assertThat(topology.clean.readValuesToList()).as("judged under the rules it was written under").isEmpty();

      // As if the post had been written before the lesswrong route existed.
      KeyValueStore<String, PostState> store = topology.driver.getKeyValueStore(FeedpipeTopology.DEDUPE_STORE);
      store.put(post.getPostId(), PostState.newBuilder(store.get(post.getPostId())).setRoutes(List.of()).setConfigFingerprint("0123").build());
      reprocess.pipeInput(post.getPostId(), post);
      reprocess.pipeInput(post.getPostId(), post);

      List<CleanPost> written = topology.clean.readValuesToList();
      assertThat(written).extracting(CleanPost::getRevision).containsExactly(2);
      assertThat(written.get(0).getEdit().getSummary()).isEqualTo("reprocessed: routes changed: +lesswrong");
      assertThat(updates.readValuesToList()).extracting(CleanPost::getRevision).containsExactly(2);
      assertThat(lesswrong.readValuesToList()).extracting(CleanPost::getRevision).containsExactly(2);
      assertThat(linkposts.readValuesToList()).isEmpty();
      assertThat(store.get(post.getPostId()).getRevision()).isEqualTo(2);

      FetchedPost edited = FeedpipeTopologyTest.post("a1", "Hello", "<p>Some other words.</p>",
          FeedpipeTopologyTest.T0.plus(Duration.ofHours(1)));
      topology.send(edited);
      assertThat(topology.clean.readValuesToList()).extracting(CleanPost::getRevision).as("live revisions follow on").containsExactly(3);
      reprocess.pipeInput(post.getPostId(), post);
      assertThat(topology.clean.readValuesToList()).as("an older fetch than the latest is not judged").isEmpty();
      assertThat(topology.dlq.readValuesToList()).isEmpty();

      // Reprocess records are counted by verdict, and not as fetched posts.
      assertThat(registry.get("feedpipe.streams.reprocessed").tag("verdict", "current").counter().count()).isEqualTo(2);
      assertThat(registry.get("feedpipe.streams.reprocessed").tag("verdict", "changed").counter().count()).isEqualTo(1);
      assertThat(registry.get("feedpipe.streams.reprocessed").tag("verdict", "superseded").counter().count()).isEqualTo(1);
      assertThat(registry.get("feedpipe.streams.posts.in").counter().count()).isEqualTo(2);
    }
  }
}
