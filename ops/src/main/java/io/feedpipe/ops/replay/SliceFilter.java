package io.feedpipe.ops.replay;

import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchedPost;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which records of a slice are copied, when it is limited to one feed: the feed of a record is the
 * {@code feedId} of its decoded value on feedpipe's topics, and the part of the key before the
 * first ':' on others (post ids are {@code <feed id>:<…>}, feed ids are keys of {@code feeds.*}).
 */
public final class SliceFilter {
  private final Optional<String> feedId;
  private final Optional<FeedpipeTopic<?>> topic;

  public SliceFilter(String sourceTopic, Optional<String> feedId) {
    this.feedId = feedId;
    this.topic = FeedpipeTopic.byName(sourceTopic);
  }

  public boolean accepts(byte[] key, byte[] value) {
    if (feedId.isEmpty()) {
      return true;
    }
    return feedOf(key, value).map(feedId.get()::equals).orElse(false);
  }

  Optional<String> feedOf(byte[] key, byte[] value) {
    if (topic.isPresent() && value != null) {
      try {
        Object decoded = topic.get().decode(value);
        if (decoded instanceof CleanPost p) {
          return Optional.of(p.getFeedId());
        }
        if (decoded instanceof FetchedPost p) {
          return Optional.of(p.getFeedId());
        }
        if (decoded instanceof FeedStatus s) {
          return Optional.of(s.getFeedId());
        }
      } catch (SerializationException e) {
        return Optional.empty(); // not ours to judge: not copied into a feed's slice
      }
    }
    if (key == null) {
      return Optional.empty();
    }
    String k = new String(key, StandardCharsets.UTF_8);
    int colon = k.indexOf(':');
    return Optional.of(colon < 0 ? k : k.substring(0, colon));
  }
}
