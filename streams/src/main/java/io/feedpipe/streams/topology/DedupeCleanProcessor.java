package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.EditSummary;
import io.feedpipe.streams.deadletter.DeadLetters;
import io.feedpipe.streams.dedupe.EditSummaries;
import io.feedpipe.streams.dedupe.ReprocessDecider;
import io.feedpipe.streams.enrich.FeedLanguages;
import io.feedpipe.streams.enrich.PostLanguage;
import io.feedpipe.streams.metrics.StreamsMeters;
import io.feedpipe.streams.dedupe.DedupeDecider;
import io.feedpipe.streams.dedupe.DedupeDecision;
import io.feedpipe.streams.deadletter.RefusedRecords;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.streams.wire.Utf8FormsSerdes;
import org.apache.kafka.common.serialization.Serializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dedupe and clean in one step, because a revision is defined by the cleaned content's hash.
 *
 * <p>Per record: an entry whose source hash matches the stored one is a repeat and costs one store
 * read; otherwise it is cleaned, hashed and judged by {@link DedupeDecider} ({@link PostRevisions},
 * which decides the stored state). New posts and edits are forwarded as CleanPost. Wall-clock
 * punctuations sweep out post ids not seen within the retention, which bounds the store (when:
 * {@link DedupeSweep}); each sweep is reported to a {@link DedupeSweepListener}. A post too large for its topic is
 * cut to fit ({@link PostSizeLimiter}). Any exception, and a stack overflow wrapped as one, reaches
 * Kafka Streams' processing exception handler, which writes a dead letter and continues; the store
 * is written only for records that succeed. Each record, decision, cleaning and written revision is
 * counted in {@link StreamsMeters}.
 *
 * <p>Records of {@code posts.reprocess} (the second source) are judged again with the current rules
 * ({@link Reprocessing}) against the same store, so revisions stay ordered with live traffic; every
 * revision written is stamped with what that judging compares.
 */
final class DedupeCleanProcessor implements Processor<String, FetchedPost, String, CleanPost> {
  private static final Logger log = LoggerFactory.getLogger(DedupeCleanProcessor.class);

  static final String STORE = "post-state";

  /** Encodes a post as the sinks do, to know it again when its output was refused. */
  private final Serializer<CleanPost> encoder = Utf8FormsSerdes.serializer(CleanPost.class);

  private final PostRevisions revisions;
  private final DedupeDecider decider;
  private final DedupeSweepListener sweeps;
  private final StreamsMeters meters;
  private final FeedLanguages languages;
  /** Keeps a post within the record budget ({@link PostSizeLimiter#fit}). */
  private final UnaryOperator<CleanPost> fitToBudget;
  /** Judges posts.reprocess records and stamps revisions; null: neither (tests of the live path alone). */
  private final Reprocessing reprocessing;
  private final String reprocessTopic;
  private ProcessorContext<String, CleanPost> context;
  private KeyValueStore<String, PostState> store;

  DedupeCleanProcessor(PostRevisions revisions, FeedLanguages languages, UnaryOperator<CleanPost> fitToBudget,
      DedupeSweepListener sweeps) {
    this(revisions, languages, fitToBudget, sweeps, StreamsMeters.none());
  }

  DedupeCleanProcessor(PostRevisions revisions, FeedLanguages languages, UnaryOperator<CleanPost> fitToBudget,
      DedupeSweepListener sweeps, StreamsMeters meters) {
    this(revisions, languages, fitToBudget, sweeps, meters, null, null);
  }

  DedupeCleanProcessor(PostRevisions revisions, FeedLanguages languages, UnaryOperator<CleanPost> fitToBudget,
      DedupeSweepListener sweeps, StreamsMeters meters, Reprocessing reprocessing, String reprocessTopic) {
    this.reprocessing = reprocessing;
    this.reprocessTopic = reprocessTopic;
    this.meters = meters;
    this.revisions = revisions;
    this.decider = revisions.decider();
    this.fitToBudget = fitToBudget;
    this.languages = languages;
    this.sweeps = sweeps;
  }

  @Override
  public void init(ProcessorContext<String, CleanPost> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    context.schedule(DedupeSweep.interval(decider.retention()), PunctuationType.WALL_CLOCK_TIME, now -> sweepExpired(Instant.ofEpochMilli(now)));
    Cancellable[] first = new Cancellable[1];
    first[0] = context.schedule(DedupeSweep.FIRST_SWEEP_DELAY, PunctuationType.WALL_CLOCK_TIME, now -> {
      first[0].cancel();
      sweepExpired(Instant.ofEpochMilli(now));
    });
  }

  @Override
  public void process(Record<String, FetchedPost> record) {
    boolean reprocess = reprocessTopic != null
        && context.recordMetadata().map(m -> reprocessTopic.equals(m.topic())).orElse(false);
    if (!reprocess) {
      meters.postRead();
    }
    Outcome outcome;
    try {
      outcome = reprocess ? reprocess(record) : decide(record);
    } catch (Error e) { // exceptions reach the processing exception handler, which writes the dead letter
      if (!DeadLetters.isRecordScoped(e)) {
        throw e;
      }
      // Errors bypass Kafka Streams' processing exception handler and would kill the stream
      // thread, whose replacement re-reads the same record and dies again. Nothing was stored or
      // forwarded yet, so failing this record alone is safe. Other VirtualMachineErrors (out of
      // memory) are not this record's fault alone and still propagate.
      throw new PostProcessingException("post " + (record.value() == null ? record.key() : record.value().getPostId())
          + ": " + e, e);
    }
    // Store and forward only once everything about the record is known, so that a record that
    // fails leaves neither a state change nor a partial output behind.
    if (outcome.state() != null) {
      store.put(outcome.postId(), outcome.state());
    }
    if (outcome.post() != null) {
      context.forward(record.withKey(outcome.postId()).withValue(outcome.post()));
      if (!reprocess) {
        // "Written" is when the revision leaves for posts.clean; its transaction commits within
        // commit.interval.ms (100 ms under exactly-once), which the latency buckets cannot tell apart.
        meters.written(record.value().getPublishedAt(), record.value().getFetchedAt());
      }
    }
    if (outcome.decision() != null) {
      meters.decided(outcome.decision());
    }
    if (outcome.verdict() != null) { // counted, as decisions are, once the record is processed to the end
      meters.reprocessed(outcome.verdict());
    }
  }

  /** What a record changes: the post's next stored state and the revision to write, either may be null. */
  private record Outcome(String postId, DedupeDecision decision, ReprocessDecider.Verdict verdict, PostState state, CleanPost post) {}

  private Outcome decide(Record<String, FetchedPost> record) {
    return judgeFetched(checked(record));
  }

  /** The record's post, checked to be one keyed by its post id. */
  private static FetchedPost checked(Record<String, FetchedPost> record) {
    FetchedPost fetched = record.value();
    if (fetched == null) {
      throw new IllegalArgumentException("record with key '" + record.key() + "' has no value: posts.raw holds posts, not tombstones");
    }
    String postId = fetched.getPostId();
    if (record.key() != null && !record.key().equals(postId)) {
      // A mis-keyed record would land on another partition than its post's other revisions.
      throw new IllegalArgumentException("record key '" + record.key() + "' differs from its postId '" + postId + "'");
    }
    return fetched;
  }

  /** A posts.reprocess record: the post judged again with the current rules; null decision (it is not a fetch). */
  private Outcome reprocess(Record<String, FetchedPost> record) {
    FetchedPost fetched = checked(record);
    Reprocessing.Result result = reprocessing.judge(store.get(fetched.getPostId()), fetched);
    log.debug("reprocess {}: {}", fetched.getPostId(), result.verdict().name());
    if (result.post() != null) {
      refuseAgainIfRefused(fetched.getPostId(), result.post());
    }
    return new Outcome(fetched.getPostId(), null, result.verdict(), result.state(), result.post());
  }

  private Outcome judgeFetched(FetchedPost fetched) {
    String postId = fetched.getPostId();
    PostState previous = store.get(postId);
    long started = System.nanoTime();
    PostRevisions.Next next = revisions.next(previous, fetched);
    PostRevisions.Revision revision = next.revision();
    if (revision != null) { // a repeat known by its source hash is not cleaned
      meters.cleaned(System.nanoTime() - started);
    }
    CleanPost post = null;
    if (next.decision().emits()) {
      String previousHash = null;
      EditSummary edit = null;
      if (next.decision() instanceof DedupeDecision.Edit e) {
        previousHash = e.previousContentHash();
        edit = EditSummaries.of(previous, revision.content());
      }
      PostLanguage language = languages.of(fetched.getFeedId(), postId, fetched.getLanguage(), revision.title(),
          revision.cleaned().text());
      post = fitToBudget.apply(CleanPostAssembler.assemble(fetched, revision.title(), revision.cleaned(),
          revision.content().contentHash(), next.state(), previousHash, edit, language));
    }
    PostState state = next.state();
    if (post != null) {
      refuseAgainIfRefused(postId, post);
      if (reprocessing != null) {
        state = reprocessing.stamped(state, post);
      }
    }
    return new Outcome(postId, next.decision(), null, state, post);
  }

  private void refuseAgainIfRefused(String postId, CleanPost post) {
    if (RefusedRecords.anyFor(context.applicationId(), postId)) {
      String refused = RefusedRecords.reason(context.applicationId(), postId, encoder.serialize(FeedpipeTopics.CLEAN, post).length);
      if (refused != null) {
        // Sending the same output again would abort the transaction again (see RefusedRecords).
        throw new RecordRefusedException(refused + "; not sent again");
      }
    }
  }

  /**
   * Deletes the ids expired at {@code now}, {@link DedupeSweep#BATCH} at a time: each batch is
   * collected by a scan that resumes after the last key the previous one read, then deleted with
   * the iterator closed.
   */
  private void sweepExpired(Instant now) {
    long started = System.nanoTime();
    long scanned = 0;
    int forgotten = 0;
    String resumeAfter = null;
    while (true) {
      List<String> expired = new ArrayList<>();
      String lastRead = null;
      boolean more = false;
      try (KeyValueIterator<String, PostState> entries = resumeAfter == null ? store.all() : store.range(resumeAfter, null)) {
        while (entries.hasNext()) {
          KeyValue<String, PostState> entry = entries.next();
          if (entry.key.equals(resumeAfter)) {
            continue; // range() includes its lower bound, read by the previous batch
          }
          lastRead = entry.key;
          scanned++;
          if (decider.isExpired(entry.value, now)) {
            expired.add(entry.key);
            if (expired.size() >= DedupeSweep.BATCH) {
              more = true;
              break;
            }
          }
        }
      }
      expired.forEach(store::delete);
      forgotten += expired.size();
      if (!more) {
        break;
      }
      resumeAfter = lastRead;
    }
    if (forgotten > 0) {
      log.info("dedupe store: forgot {} post ids not seen for {}", forgotten, decider.retention());
    }
    sweeps.swept(new DedupeSweepListener.Sweep(scanned, forgotten, Duration.ofNanos(System.nanoTime() - started)));
  }
}
