package io.feedpipe.peers.camel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the feeds' polls and their entries' sends, and says when the run is over: every feed's
 * route polls once (repeatCount=1), and a poll ends only after its entries went through the route
 * (the rss consumer hands each entry to the route and waits for it, Kafka's acknowledgement
 * included), so once every feed has committed or rolled back its poll, every entry has been
 * acknowledged or has failed.
 */
final class PollTally implements PollingConsumerPollStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(PollTally.class);

  private final int feeds;
  private final Runnable whenAllPolled;
  private final AtomicInteger polled = new AtomicInteger();
  private final AtomicInteger failedPolls = new AtomicInteger();
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failedSends = new AtomicLong();

  PollTally(int feeds, Runnable whenAllPolled) {
    this.feeds = feeds;
    this.whenAllPolled = whenAllPolled;
  }

  @Override
  public boolean begin(Consumer consumer, Endpoint endpoint) {
    return true;
  }

  @Override
  public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
    entries.addAndGet(polledMessages);
    onePollDone();
  }

  /** A feed that cannot be fetched or parsed is reported and not retried: the run polls each once. */
  @Override
  public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
    failedPolls.incrementAndGet();
    LOG.error("feed {} could not be polled: {}", endpoint.getEndpointUri(), cause.toString());
    onePollDone();
    return false;
  }

  void acknowledged() {
    acknowledged.incrementAndGet();
  }

  void sendFailed() {
    failedSends.incrementAndGet();
  }

  private void onePollDone() {
    if (polled.incrementAndGet() == feeds) {
      whenAllPolled.run();
    }
  }

  boolean clean() {
    return failedPolls.get() == 0 && failedSends.get() == 0 && acknowledged.get() == entries.get();
  }

  String summary() {
    return String.format(
        "camel peer: %d of %d feeds polled (%d failed), %d entries read, %d acknowledged by Kafka, %d sends failed",
        polled.get(), feeds, failedPolls.get(), entries.get(), acknowledged.get(), failedSends.get());
  }
}
