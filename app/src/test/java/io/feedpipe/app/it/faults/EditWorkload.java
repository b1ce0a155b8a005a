package io.feedpipe.app.it.faults;

import io.feedpipe.schemas.FetchedPost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * A seeded stream of posts.raw records: every post once, some edited once or twice later (the same
 * post id with changed content), some sent again unchanged (repeats the dedupe must drop). Edits of
 * a post come after its earlier versions, as a feed would show them; posts interleave.
 *
 * <p>The expected outcome follows from what is sent: a post's revisions are its distinct
 * contents, numbered in sending order. Every tenth post is titled "[Linkpost] …" and every tenth
 * "[Paper] …", so the default routes receive posts too.
 */
public final class EditWorkload {

  /** One record to send. {@code version} is the revision it must become (repeats repeat it). */
  public record Event(String postId, int version, boolean repeat, String title, int filler) {}

  private static final String[] WORDS = ("kafka stream exactly once revision broker partition transaction offset commit "
      + "feed post clean route dedupe store changelog restore fence abort marker epoch producer consumer").split(" ");
  private static final Pattern LINKPOST = Pattern.compile("^\\[Linkpost\\]");
  private static final Pattern PAPER = Pattern.compile("^\\[Paper\\]");

  private final List<Event> events;
  private final Map<String, Integer> revisions = new HashMap<>();
  private final Map<String, String> titles = new HashMap<>();
  private final String prefix;

  public EditWorkload(String prefix, int posts, long seed) {
    this.prefix = prefix;
    Random random = new Random(seed);
    record Slot(long position, Event event) {}
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < posts; i++) {
      String id = String.format("%s-%07d", prefix, i);
      String title = switch (i % 10) {
        case 0 -> "[Linkpost] Post " + i;
        case 1 -> "[Paper] Post " + i;
        default -> "Post " + i;
      };
      titles.put(id, title);
      int filler = 40 + random.nextInt(200);
      int roll = random.nextInt(100);
      int edits = roll < 5 ? 2 : roll < 25 ? 1 : 0;
      long position = i * 10L;
      slots.add(new Slot(position, new Event(id, 1, false, title, filler)));
      int version = 1;
      for (int e = 0; e < edits; e++) {
        position += 10L * (20 + random.nextInt(400)) + 1;
        slots.add(new Slot(position, new Event(id, ++version, false, title, filler)));
      }
      if (random.nextInt(100) < 15) {
        position += 10L * (20 + random.nextInt(400)) + 2;
        slots.add(new Slot(position, new Event(id, version, true, title, filler)));
      }
      revisions.put(id, version);
    }
    slots.sort(Comparator.comparingLong(Slot::position));
    events = slots.stream().map(Slot::event).toList();
  }

  public List<Event> events() {
    return events;
  }

  /** Post id → its last revision (revisions 1..n are expected). */
  public Map<String, Integer> revisions() {
    return revisions;
  }

  public boolean routedTo(String route, String postId) {
    String title = titles.get(postId);
    return switch (route) {
      case "linkposts" -> LINKPOST.matcher(title).find();
      case "papers" -> PAPER.matcher(title).find();
      default -> throw new IllegalArgumentException("unknown route " + route);
    };
  }

  /** The word in revision {@code version}'s text that identifies it. */
  public static String marker(int version) {
    return "revmarker" + version + "x";
  }

  public FetchedPost record(Event event, Instant fetchedAt) {
    StringBuilder html = new StringBuilder(event.filler() * 8 + 200);
    html.append("<p>This is ").append(event.postId()).append(", version ").append(marker(event.version())).append(".</p><p>");
    Random words = new Random(event.postId().hashCode());
    for (int w = 0; w < event.filler(); w++) {
      html.append(WORDS[words.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
    }
    html.append("</p>");
    for (int v = 2; v <= event.version(); v++) {
      html.append("<p>Edit ").append(v).append(" added this paragraph about ").append(WORDS[(v * 7) % WORDS.length]).append(".</p>");
    }
    return FetchedPost.newBuilder()
        .setPostId(event.postId())
        .setFeedId(prefix)
        .setFeedUrl("http://127.0.0.1/" + prefix + ".xml")
        .setEntryGuid(event.postId())
        .setLink("http://127.0.0.1/posts/" + event.postId())
        .setTitle(event.title())
        .setContentHtml(html.toString())
        .setFetchedAt(fetchedAt)
        .setFetchId(prefix + "-" + fetchedAt.toEpochMilli())
        .build();
  }
}
