package io.feedpipe.ops.lag;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects and evaluates lag, once ({@link #observe()}) or every interval until stopped ({@link
 * #run}). A failed collection (broker unreachable) is reported and the next one tried; the windows
 * keep what they had.
 */
public final class LagMonitor {
  private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

  private final LagCollector collector;
  private final LagEvaluator evaluator;
  private final List<String> groups;
  private final List<String> topics;
  private final Clock clock;
  private final CountDownLatch stop = new CountDownLatch(1);

  public LagMonitor(LagCollector collector, LagEvaluator evaluator, List<String> groups, List<String> topics, Clock clock) {
    this.collector = collector;
    this.evaluator = evaluator;
    this.groups = List.copyOf(groups);
    this.topics = List.copyOf(topics);
    this.clock = clock;
  }

  public LagReport observe() {
    List<GroupSample> samples = collector.collect(groups, topics);
    return evaluator.evaluate(clock.instant(), samples);
  }

  /** Observes every {@code interval} until {@link #stop()}, handing each report to {@code reports}. */
  public void run(Duration interval, Consumer<LagReport> reports) throws InterruptedException {
    do {
      try {
        reports.accept(observe());
      } catch (LagException e) {
        log.warn("lag not collected this time: {}; trying again in {} (check that the cluster answers)", e.getMessage(), interval);
      }
    } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
  }

  public void stop() {
    stop.countDown();
  }
}
