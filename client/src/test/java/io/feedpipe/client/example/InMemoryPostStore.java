package io.feedpipe.client.example;

import io.feedpipe.client.consume.RevisionCheck;
import io.feedpipe.schemas.CleanPost;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for the service's database, counting the writes that changed something. */
public final class InMemoryPostStore implements LatestPostsService.PostStore {
  private final Map<String, CleanPost> posts = new ConcurrentHashMap<>();
  private final AtomicInteger changes = new AtomicInteger();

  @Override
  public OptionalInt revisionOf(String postId) {
    CleanPost post = posts.get(postId);
    return post == null ? OptionalInt.empty() : OptionalInt.of(post.getRevision());
  }

  @Override
  public synchronized void saveAll(List<CleanPost> batch) throws Exception {
    for (CleanPost post : batch) {
      if (RevisionCheck.decide(revisionOf(post.getPostId()), post.getRevision()).apply()) {
        posts.put(post.getPostId(), post);
        changes.incrementAndGet();
      }
    }
  }

  public Map<String, CleanPost> snapshot() {
    return Map.copyOf(posts);
  }

  /** Writes that stored a new post or a newer revision. */
  public int changes() {
    return changes.get();
  }
}
