package io.feedpipe.peers.camel;

import com.rometools.rome.feed.synd.SyndFeed;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * One route per feed: rss (polled once, every entry split out and handed on in that poll) -> key =
 * the entry's link -> one shared route to kafka. The body stays what camel-rss makes it (a copy of
 * the feed holding that one entry); camel-kafka's default String serializer turns it into text
 * with camel-rss's own type converter, which writes it out as an RSS document of one item.
 */
final class FeedRoutes extends RouteBuilder {

  private final List<String> feedUrls;
  private final PeerOptions options;
  private final PollTally tally;

  FeedRoutes(List<String> feedUrls, PeerOptions options, PollTally tally) {
    this.feedUrls = List.copyOf(feedUrls);
    this.options = options;
    this.tally = tally;
  }

  @Override
  public void configure() {
    // One scheduled pool for every feed's consumer, as a deployment polling many feeds would have
    // (the default is a pool of one thread per consumer); Camel shuts it down with the context.
    ScheduledExecutorService polls = getCamelContext()
        .getExecutorServiceManager()
        .newScheduledThreadPool(this, "FeedPoll", options.pollThreads());
    bindToRegistry("feedPollPool", polls);
    bindToRegistry("feedPollTally", tally);

    onException(Exception.class)
        .handled(true)
        .process(exchange -> {
          tally.sendFailed();
          Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
          log.error("entry {} of {} was not sent: {}",
              exchange.getMessage().getHeader(KafkaConstants.KEY),
              exchange.getFromEndpoint().getEndpointUri(), String.valueOf(cause));
        });

    // acks=all and idempotence are Camel's defaults; said here so the peer's guarantees are
    // visible beside feedpipe's. No linger: Camel's default.
    String kafka = "kafka:" + options.topic()
        + "?brokers=" + options.bootstrapServers()
        + "&requestRequiredAcks=all"
        + "&enableIdempotence=true"
        + "&producerBatchSize=" + options.batchBytes();

    // Every feed route sends through this one route, so one Kafka producer batches every feed's
    // entries: a kafka: endpoint in each feed route would start a Kafka producer per route, 1,000
    // producers for 1,000 feeds.
    from("direct:kafka")
        .routeId("kafka")
        .to(kafka)
        .process(exchange -> tally.acknowledged());

    for (int i = 0; i < feedUrls.size(); i++) {
      // throttleEntries=false: every entry goes on in the same poll, one after another (the
      // default hands on one entry per poll delay). repeatCount=1: one poll, then the scheduler
      // stops.
      String rss = "rss:" + feedUrls.get(i)
          + "?splitEntries=true&throttleEntries=false"
          + "&repeatCount=1&initialDelay=0"
          + "&scheduledExecutorService=#feedPollPool"
          + "&pollStrategy=#feedPollTally";
      from(rss)
          .routeId(String.format("feed-%05d", i))
          .process(exchange -> exchange.getMessage()
              .setHeader(KafkaConstants.KEY, EntryKey.of(exchange.getMessage().getBody(SyndFeed.class))))
          .to("direct:kafka");
    }
  }
}
