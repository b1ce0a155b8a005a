package io.feedpipe.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.poll.FeedPoll;
import io.feedpipe.producer.poll.PollResult;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.schemas.FetchOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XXE and entity bombs, polled as feeds: each ends in a refused status with a reason, nothing loaded. */
class HostileDocumentsTest {
  private final FeedPoll poll =
      new FeedPoll(new FeedFetcher(Duration.ofSeconds(5), 1024 * 1024, "test"), new FeedParser(), new EntryMapper(), Clock.systemUTC());

  private PollResult pollFile(Path file) {
    return poll.poll(new FeedSource("hostile", file.toUri()), FeedPollState.initial(file.toUri().toString()), false);
  }

  @Test
  void xxeNamingALocalFileEndsRefusedWithoutTheFilesContent(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    Path feed = dir.resolve("feed.xml");
    Files.writeString(feed, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title><guid>1</guid></item></channel></rss>");

    PollResult result = pollFile(feed);

    assertThat(result.status().getOutcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
    assertThat(result.status().getError()).contains("&xxe;").doesNotContain("TOP-SECRET-CONTENT");
  }

  @Test
  void billionLaughsEndsRefusedWithAReason(@TempDir Path dir) throws Exception {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    xml.append("]><rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
    Path feed = dir.resolve("bomb.xml");
    Files.writeString(feed, xml);

    PollResult result = pollFile(feed);

    assertThat(result.status().getOutcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
    assertThat(result.status().getError()).contains("&lol9;").contains("refused");
  }
}
