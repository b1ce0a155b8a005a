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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Every file of the shared feed corpus ({@code ../shared/feeds/MANIFEST.tsv}) through the
 * producer's parse path, as a poll of a {@code file:} feed: none crashes or hangs; every failure
 * ends in a status with a reason; at least {@value #MIN_SHARE} of the well-formed files that are
 * not deliberately invalid parse; and the files that do not parse are exactly those listed, with
 * the reason, in {@code corpus-expected-failures.tsv} (a listed file that now parses, or an
 * unlisted one that fails, fails the test: update the list with the reason when that is intended).
 * Skipped, with a message, where the corpus is absent (a clone without ../shared; see {@link FeedCorpus}).
 *
 * <p>Deliberately invalid: a conformance test whose manifest {@code Expect:} line names a
 * validator message (feedvalidator's {@code MissingElement…}, not {@code !Error} or {@code Valid…})
 * or expects feedparser's {@code bozo} flag.
 */
class CorpusTest {
  private static final Duration PER_FILE = Duration.ofSeconds(20);
  static final double MIN_SHARE = 0.995;
  private static final Pattern EXPECT = Pattern.compile("Expect: ([^;]*)");

  @Test
  void everyCorpusFileParsesOrEndsInAStatusWithAReason() throws Exception {
    Path corpus = FeedCorpus.require();
    FeedPoll poll = new FeedPoll(new FeedFetcher(Duration.ofSeconds(20), 15L * 1024 * 1024, "corpus"), new FeedParser(), new EntryMapper(),
        Clock.systemUTC());
    List<String> lines = Files.readAllLines(corpus.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    Map<String, Integer> counts = new TreeMap<>();
    List<String> crashes = new ArrayList<>();
    Map<String, String> failures = new TreeMap<>();
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
        String notes = cols[5];
        boolean wellFormed = notes.contains("well-formed=yes");
        boolean eligible = wellFormed && !deliberatelyInvalid(notes);
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
        boolean parsed = outcome == FetchOutcome.FETCHED;
        count(counts, "total");
        count(counts, parsed ? "parsed" : "not parsed (" + outcome + ")");
        if (outcome == FetchOutcome.UNKNOWN) {
          crashes.add(name + ": " + result.status().getError());
        }
        if (eligible) {
          count(counts, "well-formed, not deliberately invalid");
          count(counts, parsed ? "well-formed, not deliberately invalid, parsed" : "well-formed, not deliberately invalid, not parsed");
        }
        if (parsed && !result.status().getNotes().isEmpty()) {
          count(counts, "parsed with notes");
        }
        if (!parsed) {
          String error = result.status().getError();
          if (error == null || error.isBlank()) {
            withoutReason.add(name);
          } else {
            String reason = error.replace(" (" + file.toUri() + ")", "").replaceFirst("^feed corpus:? ?", "").replaceAll("\\s+", " ");
            failures.put(name, (eligible ? "eligible" : wellFormed ? "deliberately-invalid" : "not-well-formed") + "\t" + reason);
          }
        }
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.println("corpus " + corpus + ": " + counts);
    failures.forEach((name, reason) -> System.out.println("  not parsed: " + name + "\t" + reason));
    assertThat(crashes).as("crashes and hangs").isEmpty();
    assertThat(withoutReason).as("failures without a reason").isEmpty();

    int eligible = counts.getOrDefault("well-formed, not deliberately invalid", 0);
    int eligibleParsed = counts.getOrDefault("well-formed, not deliberately invalid, parsed", 0);
    assertThat((double) eligibleParsed / Math.max(1, eligible)).as("share of well-formed, not deliberately invalid files parsed (%d of %d)",
        eligibleParsed, eligible).isGreaterThanOrEqualTo(MIN_SHARE);

    Map<String, String> expected = expectedFailures();
    assertThat(failures.keySet()).as("files that did not parse but are not in corpus-expected-failures.tsv").isSubsetOf(expected.keySet());
    assertThat(expected.keySet()).as("files in corpus-expected-failures.tsv that now parse: remove them from the list")
        .isSubsetOf(failures.keySet());
    expected.forEach((name, reason) -> assertThat(failures.get(name)).as("why %s does not parse", name).contains(reason));
  }

  static boolean deliberatelyInvalid(String notes) {
    Matcher m = EXPECT.matcher(notes);
    if (!m.find()) {
      return false;
    }
    String expect = m.group(1).strip();
    return expect.startsWith("bozo") || !expect.isEmpty() && Character.isUpperCase(expect.charAt(0)) && !expect.startsWith("Valid");
  }

  /** corpus-expected-failures.tsv: path, case, reason (a part of the status's error); # comments. */
  private static Map<String, String> expectedFailures() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    try (var in = CorpusTest.class.getResourceAsStream("/corpus-expected-failures.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] cols = line.split("\t", 2);
          expected.put(cols[0], cols.length > 1 ? cols[1] : "");
        }
      }
    }
    return expected;
  }

  private static void count(Map<String, Integer> counts, String key) {
    counts.merge(key, 1, Integer::sum);
  }
}
