package io.feedpipe.streams.topology;

import io.feedpipe.schemas.topics.DeadLetterHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.streams.deadletter.DeadLetters;
import io.feedpipe.streams.metrics.StreamsMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.feedpipe.streams.route.Condition;
import io.feedpipe.streams.route.RouteRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** A rule that fails on a post, however it fails, costs that rule's route for that post and nothing else. */
class RouteProcessorTest {

  private static final RouteRule BROKEN = new RouteRule("broken", new Condition.Feed(Set.of("lesswrong")));
  private static final RouteRule ALL = new RouteRule("all", new Condition.Feed(Set.of("lesswrong")));
  private static final RouteRule CRASHING = new RouteRule("crashing", new Condition.Feed(Set.of("lesswrong")));

  private static CleanPost post(String id, int revision) {
    return CleanPost.newBuilder().setPostId(id).setRevision(revision).setTitle("t").setLink(null).setAuthors(List.of())
        .setCategories(List.of()).setPublishedAt(null).setUpdatedAt(null).setText("x").setHtml("<p>x</p>").setExcerpt("x")
        .setWordCount(1).setOutboundLinks(List.of()).setContentHash("h").setPreviousContentHash(null).setFeedId("lesswrong")
        .setFeedUrl("https://example.org/feed").setFirstSeenAt(FeedpipeTopologyTest.T0).setLastSeenAt(FeedpipeTopologyTest.T0)
        .setFetchId("f").setImages(List.of()).build();
  }

  private static MockProcessorContext<Object, Object> run(RouteProcessor.RuleEvaluator evaluator, CleanPost post) {
    return run(evaluator, post, StreamsMeters.none());
  }

  private static MockProcessorContext<Object, Object> run(RouteProcessor.RuleEvaluator evaluator, CleanPost post, StreamsMeters meters) {
    var processor = new RouteProcessor(List.of(BROKEN, ALL, CRASHING), "posts.dlq", evaluator, meters);
    var context = new MockProcessorContext<Object, Object>();
    context.setRecordMetadata("posts.raw", 2, 17);
    processor.init(context);
    processor.process(new Record<>(post.getPostId(), post, 1000L));
    return context;
  }

  @Test
  void stackOverflowInOneRuleDeadLettersThatRuleAndTheOthersStillRoute() {
    MockProcessorContext<Object, Object> context = run((rule, post) -> {
      if (rule == BROKEN) {
        throw new StackOverflowError();
      }
      if (rule == CRASHING) {
        throw new IllegalStateException("boom");
      }
      return rule.matches(post);
    }, post("lesswrong:p1", 2));

    List<String> children = context.forwarded().stream().map(f -> f.childName().orElse("")).toList();
    assertThat(children).containsExactly(RouteProcessor.UPDATES_SINK, RouteProcessor.RULE_FAILURES_SINK, "write-route-all",
        RouteProcessor.RULE_FAILURES_SINK);
    List<Record<?, ?>> letters = context.forwarded().stream()
        .filter(f -> f.childName().orElse("").equals(RouteProcessor.RULE_FAILURES_SINK)).<Record<?, ?>>map(CapturedForward::record).toList();
    Record<?, ?> first = letters.get(0);
    assertThat(header(first, DeadLetterHeaders.MESSAGE)).isEqualTo("route rule 'broken', post lesswrong:p1: StackOverflowError: java.lang.StackOverflowError");
    assertThat(header(first, DeadLetters.RULE_HEADER)).isEqualTo("broken");
    assertThat(header(first, DeadLetterHeaders.TOPIC)).isEqualTo("posts.raw");
    assertThat(header(first, DeadLetterHeaders.PARTITION)).isEqualTo("2");
    assertThat(header(first, DeadLetterHeaders.OFFSET)).isEqualTo("17");
    assertThat(first.key()).isEqualTo("lesswrong:p1".getBytes(StandardCharsets.UTF_8));
    assertThat(first.value()).isNull();
    assertThat(header(letters.get(1), DeadLetterHeaders.MESSAGE))
        .isEqualTo("route rule 'crashing', post lesswrong:p1: IllegalStateException: boom");
  }

  @Test
  void matchesAreCountedPerRuleAndRuleFailuresAsDeadLetters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    run((rule, post) -> {
      if (rule == BROKEN) {
        throw new IllegalStateException("boom");
      }
      return rule == ALL;
    }, post("lesswrong:p4", 1), new StreamsMeters(registry));

    assertThat(registry.get("feedpipe.streams.route.matches").tag("route", "all").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.streams.route.matches").tag("route", "crashing").counter().count()).isZero();
    assertThat(registry.get("feedpipe.streams.route.matches").tag("route", "broken").counter().count()).isZero();
    assertThat(registry.get("feedpipe.streams.dlq.records").tag("reason", "route_rule_failed").counter().count()).isEqualTo(1);
  }

  @Test
  void outOfMemoryIsNotTheRulesFaultAndPropagates() {
    assertThatThrownBy(() -> run((rule, post) -> {
      throw new OutOfMemoryError("heap");
    }, post("lesswrong:p2", 1))).isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void firstRevisionIsNotAnUpdate() {
    MockProcessorContext<Object, Object> context = run((rule, post) -> rule == ALL, post("lesswrong:p3", 1));
    assertThat(context.forwarded()).extracting(f -> f.childName().orElse("")).containsExactly("write-route-all");
  }

  private static String header(Record<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
