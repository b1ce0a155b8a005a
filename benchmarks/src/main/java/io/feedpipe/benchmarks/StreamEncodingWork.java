package io.feedpipe.benchmarks;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.clean.CleanedContent;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.dedupe.OutputHash;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.dedupe.SourceHash;
import io.feedpipe.streams.dedupe.WordSketch;
import io.feedpipe.streams.wire.Utf8FormsSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the Streams stage's thread does with a post's bytes besides cleaning it and the store, over
 * the 20 LessWrong posts (cleaned once here; each call works on fresh string objects, as the stream
 * thread does), with the serdes the topology uses. Shared by {@link StreamEncodingBenchmark} and
 * {@link StreamEncodingCpu}; each method returns something for the caller to consume.
 */
final class StreamEncodingWork {

  static final int POSTS = 20;

  private final Deserializer<FetchedPost> fetchedPosts = Utf8FormsSerdes.serde(FetchedPost.class).deserializer();
  private final Serializer<CleanPost> cleanPosts = Utf8FormsSerdes.serializer(CleanPost.class);
  private final List<byte[]> raw = new ArrayList<>();
  private final List<CleanedContent> cleaned = new ArrayList<>();
  private final Instant now = Instant.parse("2026-11-29T00:00:00Z");

  StreamEncodingWork() {
    HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());
    Serializer<FetchedPost> producer = AvroSerdes.serializer(FetchedPost.class);
    int i = 0;
    for (LessWrongPosts.Post p : LessWrongPosts.load()) {
      FetchedPost post = FetchedPost.newBuilder().setPostId("lesswrong:" + i).setFeedId("lesswrong")
          .setFeedUrl("https://www.lesswrong.com/feed.xml").setTitle("Post “" + i + "”").setLink(p.link()).setContentHtml(p.html())
          .setFetchedAt(now).setFetchId("bench").build();
      raw.add(producer.serialize(FeedpipeTopics.RAW, post));
      cleaned.add(cleaner.clean(p.html(), p.link()));
      i++;
    }
  }

  /** A repeat: the record decoded from posts.raw and its source hash. */
  String repeat(int i) {
    return SourceHash.of(fetchedPosts.deserialize(FeedpipeTopics.RAW, raw.get(i)));
  }

  /**
   * A new revision: the record decoded, its source hash, the content and text hashes, the CleanPost
   * built, the output hash of its HTML (as the revision is stamped) and the CleanPost encoded for
   * posts.clean. Returns the size of the record and the hashes' chars.
   */
  int newRevision(int i) {
    FetchedPost fetched = fetchedPosts.deserialize(FeedpipeTopics.RAW, raw.get(i));
    String sourceHash = SourceHash.of(fetched);
    CleanedContent c = cleaned.get(i);
    // New objects, as the cleaner makes for every post: nothing is known of them yet.
    String text = new String(c.text());
    String html = new String(c.html());
    RevisionContent content = RevisionContent.of(fetched.getTitle(), text);
    CleanPost post = CleanPost.newBuilder().setPostId(fetched.getPostId()).setRevision(1).setTitle(fetched.getTitle())
        .setLink(fetched.getLink()).setText(text).setHtml(html).setExcerpt(c.excerpt()).setWordCount(c.wordCount())
        .setOutboundLinks(c.outboundLinks()).setContentHash(content.contentHash()).setFeedId(fetched.getFeedId())
        .setFeedUrl(fetched.getFeedUrl()).setFirstSeenAt(now).setLastSeenAt(now).setFetchId(fetched.getFetchId()).build();
    String outputHash = OutputHash.of(post.getHtml());
    byte[] record = cleanPosts.serialize(FeedpipeTopics.CLEAN, post);
    return record.length + sourceHash.length() + content.textHash().length() + outputHash.length();
  }

  /** The word sketch of the cleaned text (part of every new revision). */
  byte[] wordSketch(int i) {
    return WordSketch.of(cleaned.get(i).text());
  }

  /** The peer: the cleaned text and HTML each encoded to UTF-8 once, the least a new revision's hashes and record need. */
  int encodeEachStringOnce(int i) {
    CleanedContent c = cleaned.get(i);
    return c.text().getBytes(StandardCharsets.UTF_8).length + c.html().getBytes(StandardCharsets.UTF_8).length;
  }
}
