package io.feedpipe.web.store;

/** A feed the store holds posts of, and how many. */
public record FeedCount(String feedId, int posts) {}
