package io.feedpipe.producer.fetch;

/**
 * Remembers each feed's {@link Validators} between polls. In memory for now; a persistent store
 * (e.g. a compacted topic) can replace it without touching the fetcher.
 */
public interface ValidatorStore {

  /** The validators last saved for the feed, {@link Validators#none()} when there are none. */
  Validators get(String feedId);

  /** Saves the validators of the version of the feed whose entries are now safely stored. */
  void put(String feedId, Validators validators);
}
