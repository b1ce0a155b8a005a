package io.feedpipe.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.poll.FeedPoll;
import io.feedpipe.producer.poll.PollResult;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.testkit.FeedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Every file of the shared feed corpus ({@code ../shared/feeds/MANIFEST.tsv}) through the
 * producer's parse path, as a poll of a {@code file:} feed: none crashes or hangs; every file the
 * manifest marks well-formed parses; every real-world file broken only by what the lenient
 * pre-pass repairs parses; the rest end in a status with a reason. Skipped, with a message, where
 * the corpus is absent (a clone without ../shared; see {@link FeedCorpus}).
 */
class CorpusTest {
  private static final Duration PER_FILE = Duration.ofSeconds(20);
  // What the manifest's expat notes say for breakage the pre-pass repairs.
  private static final List<String> REPAIRABLE = List.of("XML or text declaration not at start of entity", "undefined entity");

  @Test
  void everyCorpusFileParsesOrEndsInAStatusWithAReason() throws Exception {
    Path corpus = FeedCorpus.require();
    FeedPoll poll = new FeedPoll(new FeedFetcher(Duration.ofSeconds(20), 15L * 1024 * 1024, "corpus"), new FeedParser(), new EntryMapper(),
        Clock.systemUTC());
    List<String> lines = Files.readAllLines(corpus.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    Map<String, Integer> counts = new TreeMap<>();
    List<String> crashes = new ArrayList<>();
    List<String> wellFormedFailures = new ArrayList<>();
    List<String> repairableFailures = new ArrayList<>();
    List<String> withoutReason = new ArrayList<>();
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "corpus");
      t.setDaemon(true);
      return t;
    });
    try {
      for (String line : lines.subList(1, lines.size())) {
        String[] cols = line.split("\t", -1);
        if (cols.length < 6 || cols[0].isBlank()) {
          continue;
        }
        String name = cols[0];
        String kind = cols[4];
        String notes = cols[5];
        boolean wellFormed = notes.contains("well-formed=yes");
        boolean repairable = kind.equals("realworld") && !wellFormed && REPAIRABLE.stream().anyMatch(notes::contains);
        Path file = corpus.resolve(name);
        Future<PollResult> future = worker.submit(() -> poll.poll(new FeedSource("corpus", file.toUri()), FeedPollState.initial(file.toUri().toString()), false));
        PollResult result;
        try {
          result = future.get(PER_FILE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          future.cancel(true);
          crashes.add(name + ": HANG (no result within " + PER_FILE + ")");
          count(counts, "hang");
          continue;
        } catch (Exception e) {
          crashes.add(name + ": " + e);
          count(counts, "crash");
          continue;
        }
        FetchOutcome outcome = result.status().getOutcome();
        count(counts, "total");
        count(counts, outcome == FetchOutcome.FETCHED ? "parsed" : "not parsed (" + outcome + ")");
        if (outcome == FetchOutcome.UNKNOWN) {
          crashes.add(name + ": " + result.status().getError());
        }
        if (wellFormed) {
          count(counts, "well-formed");
          if (outcome != FetchOutcome.FETCHED) {
            wellFormedFailures.add(name + ": " + result.status().getError());
          }
        }
        if (repairable) {
          count(counts, "real-world, repairable");
          if (outcome != FetchOutcome.FETCHED) {
            repairableFailures.add(name + ": " + result.status().getError());
          }
        }
        if (!result.status().getNotes().isEmpty() && outcome == FetchOutcome.FETCHED) {
          count(counts, "parsed after repairs");
        }
        if (outcome != FetchOutcome.FETCHED && (result.status().getError() == null || result.status().getError().isBlank())) {
          withoutReason.add(name);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.println("corpus " + corpus + ": " + counts);
    wellFormedFailures.forEach(f -> System.out.println("  well-formed but not parsed: " + f));
    repairableFailures.forEach(f -> System.out.println("  repairable but not parsed: " + f));
    assertThat(crashes).as("crashes and hangs").isEmpty();
    assertThat(withoutReason).as("failures without a reason").isEmpty();
    // Rome's limits on documents that are well-formed XML but not usable feeds (<rss> without
    // <channel>, RSS 1.1, unbound namespace prefixes): listed by name with the reason, and not
    // allowed to grow.
    java.util.Set<String> known = knownExceptions();
    assertThat(names(wellFormedFailures)).as("well-formed files that did not parse and are not known exceptions").isSubsetOf(known);
    assertThat(names(repairableFailures)).as("real-world files broken only by what the pre-pass repairs").isSubsetOf(known);
  }

  private static java.util.Set<String> knownExceptions() throws IOException {
    java.util.Set<String> names = new java.util.HashSet<>();
    try (var in = CorpusTest.class.getResourceAsStream("/corpus/known-exceptions.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.split("\t")[0]);
        }
      }
    }
    return names;
  }

  private static List<String> names(List<String> failures) {
    return failures.stream().map(f -> f.substring(0, f.indexOf(": "))).toList();
  }

  private static void count(Map<String, Integer> counts, String key) {
    counts.merge(key, 1, Integer::sum);
  }

  @SuppressWarnings("unused")
  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}
