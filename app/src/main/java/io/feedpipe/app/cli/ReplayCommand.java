package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.DurationText;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.ops.replay.GroupMember;
import io.feedpipe.ops.replay.ProgressBar;
import io.feedpipe.ops.replay.ReplayPlan;
import io.feedpipe.ops.replay.ReplayPlanner;
import io.feedpipe.ops.replay.ReplayService;
import io.feedpipe.ops.replay.ResetSpec;
import io.feedpipe.ops.replay.SliceCopier;
import io.feedpipe.ops.replay.SliceSpec;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "replay",
    description = {
      "Moves a consumer group's offsets on a topic so it processes history again, like kafka-consumer-groups --reset-offsets: "
          + "prints the plan per partition (current offset -> target offset, records processed again, skipped, left to read) and changes nothing "
          + "unless --execute is given. Refuses, naming them, while the group has live members: stop them first.",
      "With --into, copies a slice of the topic's history into a new topic instead, for a new service to bootstrap from "
          + "(keys, values, headers, timestamps and partitions kept); no group's offsets change.",
      "Times are ISO-8601: 2026-11-01T06:00:00Z, 2026-11-01T07:00:00+01:00, or 2026-11-01 (midnight UTC); a time without a zone is UTC."
    },
    footer = {
      "",
      "Examples:",
      "  ./feedpipe replay --group feedpipe-sink-postgres --topic posts.clean --to-earliest             the plan",
      "  ./feedpipe replay --group feedpipe-sink-postgres --topic posts.clean --to-earliest --execute   apply it",
      "  ./feedpipe replay --group my-service --topic posts.clean --by-duration PT6H --execute           the last 6 hours again",
      "  ./feedpipe replay --group my-service --topic posts.clean --to-datetime 2026-11-01T00:00:00Z",
      "  ./feedpipe replay --group my-service --topic posts.route.papers --to-offset 0:120,3:98 --execute",
      "  ./feedpipe replay --topic posts.clean --into bootstrap.search --from-datetime 2026-10-01 --feed lesswrong"
    })
public final class ReplayCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClientOptions client;

  @Option(names = "--group", paramLabel = "GROUP", description = "The consumer group whose offsets move.")
  String group;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "The topic (default: posts.clean).")
  String topic;

  @Option(names = "--to-earliest", description = "To the oldest record still in each partition.")
  boolean toEarliest;

  @Option(names = "--to-latest", description = "To the end of each partition: skip everything not read yet.")
  boolean toLatest;

  @Option(names = "--to-datetime", paramLabel = "ISO-8601", description = "To the first record at or after this time, per partition.")
  String toDatetime;

  @Option(names = "--by-duration", paramLabel = "DURATION", description = "To the first record at or after now minus this, e.g. PT6H, 6h, 2d.")
  String byDuration;

  @Option(names = "--to-offset", paramLabel = "PARTITION:OFFSET", split = ",",
      description = "To these offsets of these partitions (repeatable or comma-separated); other partitions stay where they are.")
  List<String> toOffsets = new ArrayList<>();

  @Option(names = "--execute", description = "Apply the plan (default: only print it).")
  boolean execute;

  @Option(names = "--into", paramLabel = "NEW_TOPIC", description = "Copy a slice of --topic into this new topic instead of moving a group.")
  String into;

  @Option(names = "--from-datetime", paramLabel = "ISO-8601", description = "With --into: the slice starts at the first record at or after this time.")
  String fromDatetime;

  @Option(names = "--until", paramLabel = "ISO-8601", description = "With --into: the slice ends before the first record at or after this time (default: today's end).")
  String until;

  @Option(names = "--feed", paramLabel = "FEED_ID", description = "With --into: copy only this feed's records.")
  String feed;

  @Override
  public Integer call() {
    FeedpipeTopics names = client.resolve().topics();
    // posts.clean, posts.route.<rule>, …: under topics.prefix; other names (a copy's) as given.
    String source = topic == null || topic.isBlank() ? names.clean() : names.resolve(topic);
    if (into != null) {
      return copy(source);
    }
    ResetSpec reset = resetSpec();
    if (group == null || group.isBlank()) {
      throw new ConfigException("--group is needed: the consumer group whose offsets move");
    }
    if (fromDatetime != null || until != null || feed != null) {
      throw new ConfigException("--from-datetime, --until and --feed go with --into (copying a slice into a new topic)");
    }
    FeedpipeConfig config = client.resolve();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Admin admin = Admin.create(ClientOptions.clientProps(config))) {
      ReplayService service = new ReplayService(admin);
      ReplayPlan plan = service.plan(group.strip(), source, reset, Instant.now());
      out.print(ReplayPlanner.table(plan, execute));
      out.flush();
      List<GroupMember> members = service.activeMembers(plan.group());
      if (!execute) {
        if (!members.isEmpty()) {
          err.println("note: group " + plan.group() + " has " + members.size() + " active member(s) ("
              + members.stream().map(GroupMember::toString).collect(Collectors.joining("; ")) + "); --execute is refused until they stop");
        }
        return 0;
      }
      service.execute(plan);
      out.println("done: group " + plan.group() + " will read " + plan.topic() + " from " + ReplayPlanner.describeTargets(plan));
      return 0;
    }
  }

  private Integer copy(String source) {
    if (group != null || execute || resetOptionsGiven() > 0) {
      throw new ConfigException("--into copies a slice into a new topic and moves no group: leave out --group, --execute and the --to-*/--by-* options");
    }
    if (fromDatetime == null) {
      throw new ConfigException("--into needs --from-datetime: where the slice starts");
    }
    SliceSpec slice;
    try {
      slice = new SliceSpec(source, into.strip(), parseTime("--from-datetime", fromDatetime),
          Optional.ofNullable(until).map(u -> parseTime("--until", u)), Optional.ofNullable(feed));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    FeedpipeConfig config = client.resolve();
    Map<String, Object> props = ClientOptions.clientProps(config);
    ProgressBar bar = new ProgressBar(System.err, System.console() != null);
    try (Admin admin = Admin.create(props)) {
      SliceCopier.Result result = new SliceCopier(admin, props).copy(slice, bar);
      bar.done();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("copied %d of %d record(s) from %s [%s, %s)%s into %s (%s, %d partition(s)) in %.1f s%n", result.copied(), result.scanned(),
          slice.sourceTopic(), slice.from(), slice.until().map(Instant::toString).orElse("end"), slice.feedId().map(f -> " of feed " + f).orElse(""),
          slice.targetTopic(), result.createdTopic() ? "created" : "existing, empty", result.partitions(), result.took().toMillis() / 1000.0);
      out.flush();
      return 0;
    } finally {
      bar.done();
    }
  }

  private int resetOptionsGiven() {
    int n = 0;
    n += toEarliest ? 1 : 0;
    n += toLatest ? 1 : 0;
    n += toDatetime != null ? 1 : 0;
    n += byDuration != null ? 1 : 0;
    n += toOffsets.isEmpty() ? 0 : 1;
    return n;
  }

  private ResetSpec resetSpec() {
    int given = resetOptionsGiven();
    if (given != 1) {
      throw new ConfigException((given == 0 ? "say where to move the group: " : "give only one of ")
          + "--to-earliest, --to-latest, --to-datetime, --by-duration or --to-offset");
    }
    if (toEarliest) {
      return new ResetSpec.ToEarliest();
    }
    if (toLatest) {
      return new ResetSpec.ToLatest();
    }
    if (toDatetime != null) {
      return new ResetSpec.ToDatetime(parseTime("--to-datetime", toDatetime));
    }
    if (byDuration != null) {
      try {
        return new ResetSpec.ByDuration(DurationText.parse(byDuration));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--by-duration: " + e.getMessage());
      }
    }
    Map<Integer, Long> offsets = new TreeMap<>();
    for (String pair : toOffsets) {
      String[] parts = pair.strip().split(":");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        int partition = Integer.parseInt(parts[0].strip());
        long offset = Long.parseLong(parts[1].strip());
        if (partition < 0 || offset < 0 || offsets.put(partition, offset) != null) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new ConfigException("--to-offset '" + pair + "' is not PARTITION:OFFSET (e.g. 0:120; each partition once, no negatives)");
      }
    }
    return new ResetSpec.ToOffsets(offsets);
  }

  /** ISO-8601 with a zone or offset; without one, UTC; a date alone is its midnight UTC. */
  static Instant parseTime(String option, String text) {
    String t = text.strip();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ConfigException(option + " '" + text + "' is not an ISO-8601 time (write e.g. 2026-11-01T06:00:00Z, 2026-11-01T07:00+01:00 or 2026-11-01)");
    }
  }
}
