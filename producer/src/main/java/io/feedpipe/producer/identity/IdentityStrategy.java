package io.feedpipe.producer.identity;

/**
 * How a feed's post ids are derived. Ordered from most to least preferred; a feed only ever moves
 * down this list (see {@link IdentityDecider}), so its ids do not flip back and forth between polls.
 */
public enum IdentityStrategy {
  /** The entry's GUID / Atom id / JSON Feed id, else its normalized link, else a hash. */
  GUID,
  /** GUIDs ignored (the feed's are unusable): the normalized link, else a hash. */
  LINK,
  /** Links unusable too: a hash of title, normalized link and published date. */
  HASH
}
