package io.feedpipe.producer.state;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.identity.IdentityStrategy;
import io.feedpipe.producer.parse.FeedHints;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.FetchOutcome;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Converts between the producer's domain records and the Avro records of feeds.config and feeds.state. Pure. */
public final class FeedRecords {
  private FeedRecords() {}

  public static FeedState toAvro(String feedId, FeedPollState s) {
    return FeedState.newBuilder()
        .setFeedId(feedId)
        .setFeedUrl(s.feedUrl())
        .setEtag(s.validators().etag())
        .setLastModified(s.validators().lastModified())
        .setLastOutcome(s.lastOutcome() == null ? null : s.lastOutcome().name())
        .setLastError(s.lastError())
        .setErrorStreak(s.errorStreak())
        .setLastPollAt(s.lastPollAt())
        .setLastSuccessAt(s.lastSuccessAt())
        .setNextPollAt(s.nextPollAt())
        .setPostingIntervalMs(s.postingInterval() == null ? null : s.postingInterval().toMillis())
        .setIdentity(s.identity() == null ? null
            : s.identityReason() == null ? s.identity().name() : s.identity().name() + " (" + s.identityReason() + ")")
        .setTtlMs(s.hints().ttl() == null ? null : s.hints().ttl().toMillis())
        .setUpdatePeriodMs(s.hints().updatePeriod() == null ? null : s.hints().updatePeriod().toMillis())
        .setSkipHours(s.hints().skipHours().stream().sorted().toList())
        .setSkipDays(s.hints().skipDays().stream().sorted().map(DayOfWeek::name).toList())
        .build();
  }

  public static FeedPollState fromAvro(FeedState a) {
    IdentityStrategy identity = null;
    String reason = null;
    if (a.getIdentity() != null) {
      String text = a.getIdentity();
      int space = text.indexOf(' ');
      try {
        identity = IdentityStrategy.valueOf(space < 0 ? text : text.substring(0, space));
        reason = space < 0 ? null : text.substring(space + 2, text.length() - 1);
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        identity = null; // written by a newer feedpipe: start from GUID again
      }
    }
    FetchOutcome outcome = null;
    if (a.getLastOutcome() != null) {
      try {
        outcome = FetchOutcome.valueOf(a.getLastOutcome());
      } catch (IllegalArgumentException e) {
        outcome = FetchOutcome.UNKNOWN;
      }
    }
    return new FeedPollState(a.getFeedUrl(), new Validators(a.getEtag(), a.getLastModified()), a.getErrorStreak(), outcome,
        a.getLastError(), a.getLastPollAt(), a.getLastSuccessAt(), a.getNextPollAt(),
        a.getPostingIntervalMs() == null ? null : Duration.ofMillis(a.getPostingIntervalMs()), identity, reason, hints(a));
  }

  /** The feed's polling hints; a state written before they were kept (FeedState v1) reads as none. */
  private static FeedHints hints(FeedState a) {
    Set<Integer> hours = new HashSet<>();
    if (a.getSkipHours() != null) {
      for (Integer h : a.getSkipHours()) {
        if (h != null && h >= 0 && h <= 23) {
          hours.add(h);
        }
      }
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (a.getSkipDays() != null) {
      for (CharSequence d : a.getSkipDays()) {
        try {
          days.add(DayOfWeek.valueOf(d.toString()));
        } catch (IllegalArgumentException e) {
          // written by a newer feedpipe with another spelling: skip the day rather than the whole state
        }
      }
    }
    Duration ttl = a.getTtlMs() == null ? null : Duration.ofMillis(a.getTtlMs());
    Duration period = a.getUpdatePeriodMs() == null ? null : Duration.ofMillis(a.getUpdatePeriodMs());
    if (ttl == null && period == null && hours.isEmpty() && days.isEmpty()) {
      return FeedHints.none();
    }
    return new FeedHints(ttl, hours, days, period);
  }

  public static FeedConfig toConfig(FeedSource feed, List<String> routes, String title, Instant at) {
    return FeedConfig.newBuilder()
        .setFeedId(feed.id())
        .setUrl(feed.url().toString())
        .setIntervalMs(feed.interval() == null ? null : feed.interval().toMillis())
        .setRoutes(routes)
        .setTitle(title)
        .setAddedAt(at)
        .build();
  }

  /** @throws IllegalArgumentException when the record names an unusable URL */
  public static FeedSource fromConfig(FeedConfig config) {
    return new FeedSource(config.getFeedId(), URI.create(config.getUrl().strip()),
        config.getIntervalMs() == null ? null : Duration.ofMillis(config.getIntervalMs()));
  }
}
