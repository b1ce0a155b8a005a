package io.feedpipe.bench.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Any number of distinct, realistic posts made from the LessWrong fixture. Post {@code i} is always
 * the same (it is computed from {@code i} and the seed, nothing is held per post): it starts
 * LessWrong's way ("Published on … GMT"), opens with a paragraph of its own (so every text differs),
 * continues with the fixture's blocks from a seeded starting point — paragraphs, lists, MathJax
 * spans with their 17 KB of inline CSS — until it reaches a seeded size between {@link #MIN_CHARS}
 * and {@link #MAX_CHARS}, and ends with the "Discuss" link. Titles keep the fixture's, so
 * "[Paper]" and "[Linkpost]" posts still match the default routes. Pure.
 */
public final class BenchPosts {
  public static final int MIN_CHARS = 10_000;
  public static final int MAX_CHARS = 25_000;

  private static final DateTimeFormatter LESSWRONG_DATE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy h:mm a", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final String[] WORDS = {
    "alignment", "gradient", "evidence", "forecast", "prior", "update", "agent", "model", "reward", "policy", "market",
    "calibration", "entropy", "signal", "variance", "argument", "inference", "world", "goal", "oracle", "scaling", "compute",
    "bounded", "rational", "heuristic", "optimizer", "incentive", "belief", "crux", "measure", "tradeoff", "outcome"};

  private final List<FixturePost> fixtures;
  private final long seed;

  public BenchPosts(List<FixturePost> fixtures, long seed) {
    if (fixtures.isEmpty()) {
      throw new IllegalArgumentException("no fixture posts");
    }
    this.fixtures = List.copyOf(fixtures);
    this.seed = seed;
  }

  /** The GUID of post {@code index}. */
  public static String guid(int index) {
    return "bench-post-" + index;
  }

  public BenchPost post(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("post index must be ≥ 0, was " + index);
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    int fixture = index % fixtures.size();
    FixturePost base = fixtures.get(fixture);
    String link = "https://www.lesswrong.com/posts/bench" + index + "/" + slug(base.link());
    Instant published = base.published().minusSeconds(60L * index);
    String tail = "<br/><br/><a href=\"" + link + "#comments\">Discuss</a>";
    int target = MIN_CHARS + random.nextInt(MAX_CHARS - MIN_CHARS + 1);

    StringBuilder html = new StringBuilder(MAX_CHARS + 64);
    html.append("Published on ").append(LESSWRONG_DATE.format(published)).append(" GMT<br/><br/>");
    html.append("<p>Benchmark copy ").append(index).append(':');
    for (int w = 0; w < 12; w++) {
      html.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
    }
    html.append(".</p>");
    // Walk the fixture's blocks (continuing into the next posts) from a seeded start, taking each
    // block that still fits under the maximum, until the target size is reached.
    int post = fixture;
    int block = random.nextInt(base.blocks().size());
    int totalBlocks = fixtures.stream().mapToInt(p -> p.blocks().size()).sum();
    for (int visited = 0; html.length() + tail.length() < target && visited < 2 * totalBlocks; visited++) {
      String next = fixtures.get(post).blocks().get(block);
      if (html.length() + next.length() + tail.length() <= MAX_CHARS) {
        html.append(next);
      }
      if (++block == fixtures.get(post).blocks().size()) {
        post = (post + 1) % fixtures.size();
        block = 0;
      }
    }
    html.append(tail);
    return new BenchPost(index, guid(index), base.title() + " (copy " + index + ")", link, published, html.toString());
  }

  private static String slug(String link) {
    String path = link.endsWith("/") ? link.substring(0, link.length() - 1) : link;
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.isEmpty() ? "post" : last;
  }
}
