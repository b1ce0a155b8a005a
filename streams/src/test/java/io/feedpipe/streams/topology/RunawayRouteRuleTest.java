package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.streams.route.RouteRuleReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route rules with the classic catastrophic patterns over a 120 KB post: under java.util.regex they
 * overflowed the stream thread's stack or ran for ages; under RE2 they are ordinary searches, the
 * post is in posts.clean and every rule routes it as it should.
 */
class RunawayRouteRuleTest {

  @TempDir Path stateDir;

  @Test
  void catastrophicPatternsOverALongPostRouteLikeAnyOtherRule() {
    var routes = RouteRuleReader.readAll(List.of(
        Map.of("name", "alternation", "when", Map.of("text", "(a|b)+$")),
        Map.of("name", "nested", "when", Map.of("text", "^(a+)+$")),
        Map.of("name", "commas", "when", Map.of("title", "(.*,){11}P")),
        Map.of("name", "all", "when", Map.of("feed", "lesswrong"))));
    try (TopologyHarness topology = new TopologyHarness(StreamsSettings.defaults(routes, stateDir))) {
      var alternation = topology.output("posts.route.alternation");
      var nested = topology.output("posts.route.nested");
      var commas = topology.output("posts.route.commas");
      var all = topology.output("posts.route.all");
      FetchedPost hostile = FeedpipeTopologyTest.post("a1", "1,".repeat(40) + "x", "<p>" + "ab".repeat(60_000) + "</p>",
          FeedpipeTopologyTest.T0);
      FetchedPost plain = FeedpipeTopologyTest.post("a2", "a,b,c,d,e,f,g,h,i,j,k,P", "<p>y</p>", FeedpipeTopologyTest.T0);
      topology.send(hostile);
      topology.send(plain);

      assertThat(topology.clean.readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1", "lesswrong:a2");
      assertThat(all.readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1", "lesswrong:a2");
      assertThat(alternation.readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1");
      assertThat(nested.isEmpty()).isTrue();
      assertThat(commas.readKeyValuesToMap()).containsOnlyKeys("lesswrong:a2");
      assertThat(topology.dlq.isEmpty()).isTrue();
    }
  }
}
