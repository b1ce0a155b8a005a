package io.feedpipe.producer.fetch;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link ValidatorStore} that lives as long as the process: a restart fetches every feed in full. */
public final class InMemoryValidatorStore implements ValidatorStore {
  private final ConcurrentMap<String, Validators> byFeed = new ConcurrentHashMap<>();

  @Override
  public Validators get(String feedId) {
    return byFeed.getOrDefault(feedId, Validators.none());
  }

  @Override
  public void put(String feedId, Validators validators) {
    Objects.requireNonNull(validators, "validators");
    if (validators.isEmpty()) {
      byFeed.remove(feedId); // nothing to send next time
    } else {
      byFeed.put(feedId, validators);
    }
  }
}
