package io.feedpipe.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.Fixtures;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** file: URLs read the producer's own disk: only configured ones, or all when explicitly allowed. */
class FileFeedPermissionTest {
  private final FeedSource configured = FeedSource.fromUrl(Fixtures.fileUri("fixtures/lesswrong/feed.xml").toString());

  private FeedPoll pollWith(ProducerSettings settings) {
    return new FeedPoll(new FeedFetcher(settings.fetch()), new FeedParser(), new EntryMapper(), Clock.systemUTC());
  }

  /** A feed as it comes back from feeds.config, e.g. after `feedpipe feeds add file:///etc/passwd`. */
  private static FeedSource fromFeedList(String url) {
    return FeedRecords.fromConfig(FeedRecords.toConfig(FeedSource.fromUrl(url), List.of(), null, Instant.now()));
  }

  @Test
  void feedListEntryWithAFileUrlIsRefusedNamingTheSettingWhileTheConfiguredFileFeedIsRead() {
    FeedPoll poll = pollWith(ProducerSettings.builder().feeds(List.of(configured)).managedFeeds(true).groupId("g").stateTopic("feeds.state").build());

    FeedStatus refused = poll.poll(fromFeedList("file:///etc/passwd"), Validators.none(), null).status();
    FeedStatus read = poll.poll(configured, Validators.none(), null).status();

    assertThat(refused.getOutcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
    assertThat(refused.getError()).contains("file:///etc/passwd").contains("producer.allow-file-urls");
    assertThat(read.getOutcome()).isEqualTo(FetchOutcome.FETCHED);
  }

  @Test
  void feedListEntryWithAFileUrlIsReadWhenFileUrlsAreExplicitlyAllowed() {
    ProducerSettings d = ProducerSettings.defaults(List.of(configured));
    ProducerSettings allowing = d.toBuilder().fetch(d.fetch().withFileUrls(true)).build();
    FeedSource other = fromFeedList(Fixtures.fileUri("fixtures/lesswrong/poll-1.xml").toString());

    assertThat(pollWith(allowing).poll(other, Validators.none(), null).status().getOutcome()).isEqualTo(FetchOutcome.FETCHED);
    assertThat(pollWith(d).poll(other, Validators.none(), null).status().getOutcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
  }
}
