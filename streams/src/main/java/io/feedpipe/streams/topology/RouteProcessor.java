package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.streams.deadletter.DeadLetterReason;
import io.feedpipe.streams.deadletter.DeadLetters;
import io.feedpipe.streams.metrics.StreamsMeters;
import io.micrometer.core.instrument.Counter;
import io.feedpipe.streams.route.RouteRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each revision to {@code posts.updates} (edits) and to the topic of every route rule it
 * matches, evaluating each rule on its own: a rule that fails on a post (an error in its
 * condition, even a stack overflow) fails for that post only. The post still goes to every other
 * matching route (and is in {@code posts.clean} already), and a dead letter naming the rule, the
 * post and the reason goes to {@code posts.dlq}. Errors that are not the rule's doing (out of
 * memory) still propagate. Matches are counted per rule, rule failures as dead letters ({@link
 * StreamsMeters}).
 */
final class RouteProcessor implements Processor<String, CleanPost, Object, Object> {
  private static final Logger log = LoggerFactory.getLogger(RouteProcessor.class);

  /** The child that writes posts.updates. */
  static final String UPDATES_SINK = "write-updates";

  /** The child that writes rule failures to posts.dlq. */
  static final String RULE_FAILURES_SINK = "write-rule-failures";

  /** How a rule is judged on a post: {@link RouteRule#matches}; tests put a failing one in its place. */
  @FunctionalInterface
  interface RuleEvaluator {
    boolean matches(RouteRule rule, CleanPost post);
  }

  private final List<RouteRule> rules;
  private final String dlqTopic;
  private final RuleEvaluator evaluator;
  private final StreamsMeters meters;
  /** The match counter of each rule, by the rule's index in {@link #rules}. */
  private final Counter[] matched;
  private ProcessorContext<Object, Object> context;

  RouteProcessor(List<RouteRule> rules, String dlqTopic) {
    this(rules, dlqTopic, RouteRule::matches, StreamsMeters.none());
  }

  RouteProcessor(List<RouteRule> rules, String dlqTopic, StreamsMeters meters) {
    this(rules, dlqTopic, RouteRule::matches, meters);
  }

  RouteProcessor(List<RouteRule> rules, String dlqTopic, RuleEvaluator evaluator) {
    this(rules, dlqTopic, evaluator, StreamsMeters.none());
  }

  RouteProcessor(List<RouteRule> rules, String dlqTopic, RuleEvaluator evaluator, StreamsMeters meters) {
    this.rules = rules;
    this.dlqTopic = dlqTopic;
    this.evaluator = evaluator;
    this.meters = meters;
    this.matched = rules.stream().map(rule -> meters.routeMatches(rule.name())).toArray(Counter[]::new);
  }

  /** The child that writes the topic of {@code rule}. */
  static String sinkOf(RouteRule rule) {
    return "write-route-" + rule.name();
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, CleanPost> record) {
    CleanPost post = record.value();
    if (post.getRevision() > 1) {
      context.forward(record, UPDATES_SINK);
    }
    for (int i = 0; i < rules.size(); i++) {
      RouteRule rule = rules.get(i);
      boolean matches;
      try {
        matches = evaluator.matches(rule, post);
      } catch (RuntimeException | Error e) {
        if (!DeadLetters.isRecordScoped(e)) {
          throw e;
        }
        deadLetter(record, rule, e);
        continue;
      }
      if (matches) {
        context.forward(record, sinkOf(rule));
        matched[i].increment();
      }
    }
  }

  private void deadLetter(Record<String, CleanPost> record, RouteRule rule, Throwable e) {
    String message = "route rule '" + rule.name() + "', post " + record.value().getPostId() + ": " + e.getClass().getSimpleName()
        + ": " + DeadLetters.describe(e);
    log.warn("{}; the post is not routed to {} (it is in posts.clean and in its other routes); try the rule on the post with: feedpipe routes test",
        message, rule.topic());
    RecordMetadata source = context.recordMetadata().orElse(null);
    byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    // The value is left out: the post is in posts.clean, and the headers name its posts.raw record.
    var origin = new DeadLetters.Source(source == null ? null : source.topic(), source == null ? -1 : source.partition(),
        source == null ? -1 : source.offset(), record.timestamp(), key, null);
    ProducerRecord<byte[], byte[]> letter = DeadLetters.of(dlqTopic, origin, message, e);
    letter.headers().add(DeadLetters.RULE_HEADER, rule.name().getBytes(StandardCharsets.UTF_8));
    Record<Object, Object> out = new Record<>(letter.key(), letter.value(), record.timestamp());
    for (Header h : letter.headers()) {
      out.headers().add(h);
    }
    context.forward(out, RULE_FAILURES_SINK);
    meters.deadLettered(DeadLetterReason.ROUTE_RULE_FAILED);
  }
}
