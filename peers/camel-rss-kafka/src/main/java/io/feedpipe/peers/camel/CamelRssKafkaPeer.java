package io.feedpipe.peers.camel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.camel.main.Main;

/**
 * Apache Camel as the peer of scripts/bench-producer-http.sh: reads the feed URLs, makes sure its
 * topic exists, runs one camel-rss -> camel-kafka route per feed under camel-main, and exits once
 * every feed has been polled once and every entry acknowledged. Prints one summary line; exits 1
 * if any feed or send failed.
 */
public final class CamelRssKafkaPeer {

  private CamelRssKafkaPeer() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(PeerOptions.USAGE);
      return;
    }
    PeerOptions options;
    List<String> feedUrls;
    try {
      options = PeerOptions.parse(args);
      feedUrls = readFeedUrls(options);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }

    PeerTopic.ensure(options);

    Main main = new Main();
    PollTally tally = new PollTally(feedUrls.size(), main::completed);
    main.configure().addRoutesBuilder(new FeedRoutes(feedUrls, options, tally));
    // Without this, camel-main would scan the classpath for more configuration to load.
    main.configure().setRoutesCollectorEnabled(false);
    main.run();

    System.out.println(tally.summary());
    System.exit(tally.clean() ? 0 : 1);
  }

  private static List<String> readFeedUrls(PeerOptions options) {
    try {
      List<String> urls = Files.readAllLines(options.feedsFile(), StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
      if (urls.isEmpty()) {
        throw new IllegalArgumentException("--feeds-file " + options.feedsFile() + " lists no feed URL");
      }
      return urls;
    } catch (IOException e) {
      throw new IllegalArgumentException("--feeds-file " + options.feedsFile() + " cannot be read: " + e);
    }
  }
}
