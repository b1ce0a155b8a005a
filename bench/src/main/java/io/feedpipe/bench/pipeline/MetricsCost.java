package io.feedpipe.bench.pipeline;

/**
 * What feedpipe's Streams metrics cost: the Streams stage's topology run over the same records
 * without a registry and with one, in the same JVM and run. Pure.
 *
 * @param off the runs without a registry (the no-op meters every caller without one gets), summed
 * @param on the runs with a registry keeping every meter and histogram, summed
 * @param runsEach runs of each kind, interleaved off, on, on, off, … so that a drift of the machine
 *     over the run (a warming JIT, a neighbour's build) weighs on both alike
 */
public record MetricsCost(StageResult off, StageResult on, int runsEach) {

  /** The most the metrics may cost: 3 % of the Streams stage's throughput. */
  public static final double TARGET_PERCENT = 3.0;

  /** Throughput with metrics ÷ without. */
  public double throughputRatio() {
    return off.postsPerSecond() > 0 ? on.postsPerSecond() / off.postsPerSecond() : 0;
  }

  /** The throughput lost to the metrics, in percent (negative: the run with metrics was the faster). */
  public double costPercent() {
    return (1 - throughputRatio()) * 100;
  }

  /** CPU of the JVM per post with metrics ÷ without, minus one, in percent. */
  public double cpuPerPostPercent() {
    double without = off.costPerPostSeconds();
    return without > 0 ? (on.costPerPostSeconds() / without - 1) * 100 : 0;
  }

  public boolean targetMet() {
    return costPercent() <= TARGET_PERCENT;
  }
}
