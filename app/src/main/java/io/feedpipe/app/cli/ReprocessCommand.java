package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.DurationText;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.reprocess.CleanRevisions;
import io.feedpipe.app.reprocess.ParagraphDiff;
import io.feedpipe.app.reprocess.RawScanner;
import io.feedpipe.app.reprocess.RawSelection;
import io.feedpipe.app.reprocess.ReprocessPreview;
import io.feedpipe.app.reprocess.ReprocessWriter;
import io.feedpipe.ops.lag.CatchUp;
import io.feedpipe.producer.kafka.CompactedTopicReader;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.topology.FeedpipeTopology;
import io.feedpipe.streams.topology.Reprocessing;
import io.feedpipe.streams.topology.StreamsSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "reprocess",
    description = {
      "Judges posts already ingested again with the current cleaning and routing rules, while the pipeline keeps running: "
          + "reads posts.raw over the selection (a time range, a feed, or all) and writes each post's fetches to posts.reprocess, "
          + "which the Streams app reads into the same dedupe store as posts.raw. A post gets revision n+1 (in posts.clean, "
          + "posts.updates and every route it matches now), with an edit summary starting 'reprocessed:' that says why, only "
          + "when its title, text or HTML, or the set of routes it matches, differ from what was written; the others get nothing.",
      "Change the rules first: edit cleaner.boilerplate or routes in the configuration, restart the Streams app "
          + "(./feedpipe streams or ./feedpipe run) with it, then run this with the same --config. Posts written under "
          + "the current rules already are skipped without being cleaned, so running it again changes nothing more.",
      "--dry-run judges the same posts here, with this configuration, against the dedupe store's changelog: prints how many "
          + "posts would change and a few of the differences, and writes nothing.",
      "Times are ISO-8601: 2026-11-01T06:00:00Z, 2026-11-01T07:00:00+01:00, or 2026-11-01 (midnight UTC); a time without a zone is UTC."
    },
    footer = {
      "",
      "Examples:",
      "  ./feedpipe reprocess --feed lesswrong --dry-run --config feedpipe.yaml     what the new rules would change",
      "  ./feedpipe reprocess --feed lesswrong --config feedpipe.yaml --wait        do it, and count the new revisions",
      "  ./feedpipe reprocess --from 2026-11-01 --to 2026-11-08 --config feedpipe.yaml",
      "See docs/replay-and-lag.md, \"Reprocess: new rules for old posts\"."
    })
public final class ReprocessCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClientOptions client;

  @Option(names = "--feed", paramLabel = "URL|ID",
      description = "Only this feed's posts: its id (e.g. lesswrong) or its URL as configured. Default: every feed.")
  String feed;

  @Option(names = "--from", paramLabel = "ISO-8601",
      description = "Only posts fetched at or after this time (posts.raw record time). Default: the oldest record posts.raw still holds.")
  String from;

  @Option(names = "--to", paramLabel = "ISO-8601", description = "Only posts fetched before this time. Default: up to now.")
  String to;

  @Option(names = "--dry-run",
      description = "Write nothing: judge the selected posts here with this configuration and print how many would change, with samples.")
  boolean dryRun;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "3",
      description = "With --dry-run: how many changed posts to show, with the paragraphs that differ (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--wait", paramLabel = "DURATION", arity = "0..1", fallbackValue = "10m",
      description = "After writing, wait (at most this long, default 10m) until the Streams app has judged every record, then print "
          + "how many posts got a new revision.")
  String waitFor;

  @Override
  public Integer call() throws InterruptedException {
    if (samples < 0) {
      throw new ConfigException("--samples must be 0 or more, got " + samples);
    }
    if (dryRun && waitFor != null) {
      throw new ConfigException("--wait goes with a real run: --dry-run writes nothing to wait for");
    }
    RawSelection selection;
    try {
      selection = new RawSelection(Optional.ofNullable(feed), Optional.ofNullable(from).map(t -> ReplayCommand.parseTime("--from", t)),
          Optional.ofNullable(to).map(t -> ReplayCommand.parseTime("--to", t)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    Duration wait = waitFor == null ? null : parseWait(waitFor);
    FeedpipeConfig config = client.resolve();
    StreamsSettings settings = config.streamsSettings();
    Map<String, Object> props = ClientOptions.clientProps(config);
    return dryRun ? preview(settings, props, selection) : reprocess(settings, props, selection, wait);
  }

  private int reprocess(StreamsSettings settings, Map<String, Object> props, RawSelection selection, Duration wait) throws InterruptedException {
    FeedpipeTopics topics = settings.topics();
    PrintWriter out = spec.commandLine().getOut();
    CleanRevisions clean = new CleanRevisions(props, topics.clean());
    Map<TopicPartition, Long> cleanBefore = wait == null ? null : clean.ends();
    long started = System.nanoTime();
    RawScanner.Counts counts;
    long written;
    try (ReprocessWriter writer = new ReprocessWriter(props, topics.raw(), topics.reprocess(), settings.applicationId() + "-reprocess")) {
      counts = new RawScanner(props).scan(topics.raw(), selection, writer::write, progress("written"));
      written = writer.finish();
    }
    out.printf("wrote %d post fetch(es) of %d record(s) in %s %s to %s in %.1f s%s%n", written, counts.scanned(), topics.raw(),
        selection.describe(), topics.reprocess(), (System.nanoTime() - started) / 1e9, undecodable(counts));
    if (wait == null) {
      out.println("the Streams app (" + settings.applicationId() + ") judges them with the rules it runs with; posts whose output or "
          + "routes change get a new revision in " + topics.clean() + " with an edit summary starting 'reprocessed:'");
      out.flush();
      return 0;
    }
    out.flush();
    try (Admin admin = Admin.create(props)) {
      if (!CatchUp.await(admin, settings.applicationId(), topics.reprocess(), wait)) {
        spec.commandLine().getErr().println("the Streams app (" + settings.applicationId() + ") has not read all of " + topics.reprocess()
            + " within " + DurationText.format(wait) + ": is it running? The records stay there and are judged when it does");
        return 1;
      }
    }
    AtomicLong revisions = new AtomicLong();
    clean.read(cleanBefore, post -> {
      if (post.getEdit() != null && post.getEdit().getSummary().startsWith("reprocessed:")) {
        revisions.incrementAndGet();
      }
    });
    out.printf("the Streams app judged them: %d post(s) got a new revision in %s%n", revisions.get(), topics.clean());
    out.flush();
    return 0;
  }

  private int preview(StreamsSettings settings, Map<String, Object> props, RawSelection selection) {
    FeedpipeTopics topics = settings.topics();
    PrintWriter out = spec.commandLine().getOut();
    String changelog = settings.applicationId() + "-" + FeedpipeTopology.DEDUPE_STORE + "-changelog";
    Map<String, PostState> states = new HashMap<>(
        CompactedTopicReader.latest(props, changelog, AvroSerdes.deserializer(PostState.class), Duration.ofMinutes(10)));
    if (states.isEmpty()) {
      spec.commandLine().getErr().println("note: the dedupe store's changelog " + changelog + " is empty or missing: no post is known "
          + "(is streams.application-id the Streams app's?)");
    }
    Reprocessing reprocessing = Reprocessing.of(settings);
    ReprocessPreview preview = new ReprocessPreview(reprocessing, states, samples);
    RawScanner.Counts counts = new RawScanner(props).scan(topics.raw(), selection, preview, progress("judged"));
    out.printf("dry run: %d post(s) would get a new revision, judging %d post fetch(es) of %d record(s) in %s %s with rules %s; "
            + "nothing was written%s%n", preview.changed(), counts.selected(), counts.scanned(), topics.raw(), selection.describe(),
        reprocessing.fingerprint(), undecodable(counts));
    preview.verdicts().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(v -> out.printf("  %-22s %d%n", v.getKey(), v.getValue()));
    if (!preview.samples().isEmpty()) {
      Set<String> ids = preview.samples().stream().map(ReprocessPreview.Change::postId).collect(Collectors.toSet());
      Map<String, CleanPost> before = new CleanRevisions(props, topics.clean()).latestOf(ids);
      for (ReprocessPreview.Change change : preview.samples()) {
        CleanPost after = change.after();
        out.printf("%n%s \"%s\" revision %d -> %d: %s%n", change.postId(), after.getTitle(), change.fromRevision(), after.getRevision(),
            after.getEdit().getSummary());
        CleanPost old = before.get(change.postId());
        if (old != null) {
          ParagraphDiff.of(old.getText(), after.getText(), 8, 160).forEach(line -> out.println("  " + line));
        }
      }
    }
    out.flush();
    return 0;
  }

  private static String undecodable(RawScanner.Counts counts) {
    return counts.undecodable() == 0 ? "" : " (" + counts.undecodable() + " undecodable record(s) skipped: they are in posts.dlq)";
  }

  /** Progress on standard error, so standard output keeps the result: at each tenth of the records. */
  private static RawScanner.Progress progress(String verb) {
    PrintStream err = System.err;
    int[] lastTenth = {-1};
    return (scanned, total, selected) -> {
      int tenth = total <= 0 ? 10 : (int) Math.min(10, scanned * 10 / total);
      if (tenth > lastTenth[0]) {
        lastTenth[0] = tenth;
        err.printf("%3d%% %d/%d records of posts.raw scanned, %d %s%n", tenth * 10, scanned, total, selected, verb);
      }
    };
  }

  private static Duration parseWait(String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--wait: " + e.getMessage());
    }
  }
}
