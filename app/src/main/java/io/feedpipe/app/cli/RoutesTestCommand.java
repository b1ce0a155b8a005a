package io.feedpipe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaConnection;
import io.feedpipe.producer.kafka.CompactedTopicReader;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.clean.WordCounter;
import io.feedpipe.streams.route.Explanation;
import io.feedpipe.streams.route.RouteRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feedpipe routes test}: which of the configured rules each post matches, and why, condition
 * by condition. Posts come from a file (JSON, e.g. lines of {@code ./feedpipe tail posts.clean}) or
 * from a topic; nothing is written anywhere.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = "Shows which routing rules each post matches and why, condition by condition. Reads posts from a JSON file"
        + " (a CleanPost object, or lines of ./feedpipe tail output) or from a topic; writes nothing.",
    footer = {
      "",
      "Examples:",
      "  ./feedpipe tail posts.clean --from-beginning --max 1 > post.json && ./feedpipe routes test --post post.json",
      "  ./feedpipe routes test --post post.json --config my-routes.yaml      try rules before deploying them",
      "  ./feedpipe routes test --from-topic posts.clean --max 50",
      "Each rule is shown with [x] (holds) or [ ] (does not) for every condition, and what the post has."
    })
public final class RoutesTestCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin ClientOptions client;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--post", paramLabel = "FILE", description = "A JSON file of posts: a CleanPost object, or JSON lines as ./feedpipe tail prints them ('-' reads standard input).")
    String postFile;

    @Option(names = "--from-topic", paramLabel = "TOPIC", description = "Read CleanPost records from this topic (e.g. posts.clean), oldest first.")
    String topic;
  }

  @Option(names = "--max", paramLabel = "N", defaultValue = "10", description = "At most N posts (default: ${DEFAULT-VALUE}).")
  int max;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (max < 1) {
      throw new ConfigException("--max must be at least 1, got " + max);
    }
    FeedpipeConfig config = client.resolve();
    List<RouteRule> rules = config.routes();
    PrintWriter out = spec.commandLine().getOut();
    if (rules.isEmpty()) {
      out.println("no routing rules are configured (routes: is empty)");
    }
    List<CleanPost> posts = source.postFile != null ? readFile(source.postFile) : readTopic(config, config.topics().resolve(source.topic));
    if (posts.isEmpty()) {
      throw new ConfigException(source.postFile != null ? "--post " + source.postFile + ": no post in it" : "--from-topic " + source.topic + ": no records");
    }
    for (CleanPost post : posts) {
      out.print(report(rules, post, config.streamsSettings()::topicOf));
      out.println();
    }
    out.flush();
    return 0;
  }

  /** What the command prints for one post. */
  static String report(List<RouteRule> rules, CleanPost post) {
    return report(rules, post, RouteRule::topic);
  }

  /** The report, naming each rule's topic as {@code topicOf} gives it (under topics.prefix). */
  static String report(List<RouteRule> rules, CleanPost post, java.util.function.Function<RouteRule, String> topicOf) {
    StringBuilder sb = new StringBuilder();
    sb.append("post ").append(post.getPostId()).append("  \"").append(post.getTitle()).append("\"\n");
    sb.append("  feed ").append(post.getFeedId()).append(", revision ").append(post.getRevision()).append(", ")
        .append(post.getWordCount()).append(" words, language ").append(post.getLanguage() == null ? "unknown" : post.getLanguage())
        .append(", categories ").append(post.getCategories()).append(", authors ").append(post.getAuthors()).append('\n');
    List<String> matched = new ArrayList<>();
    for (RouteRule rule : rules) {
      Explanation explanation;
      try {
        explanation = rule.explain(post);
      } catch (RuntimeException | StackOverflowError e) {
        // What the Streams app does with this post and rule: a dead letter with this reason, the other rules still apply.
        sb.append("  ERROR    ").append(rule.name()).append(" -> posts.dlq: ").append(e).append('\n');
        continue;
      }
      if (explanation.matched()) {
        matched.add(rule.name());
      }
      sb.append("  ").append(explanation.matched() ? "MATCH    " : "no match ").append(rule.name()).append(" -> ").append(topicOf.apply(rule)).append('\n');
      sb.append(explanation.render("      "));
    }
    sb.append("  => ").append(matched.isEmpty() ? "no rule matches: only posts.clean" : "routed to " + matched.size() + " of " + rules.size()
        + " rule(s): " + String.join(", ", matched)).append('\n');
    return sb.toString();
  }

  private List<CleanPost> readFile(String file) throws IOException {
    String text;
    if (file.equals("-")) {
      text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } else {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new ConfigException("--post " + file + ": no such file");
      }
      text = Files.readString(path, StandardCharsets.UTF_8);
    }
    return parsePosts(text, file, max);
  }

  /** Posts from JSON text: one object, or several (JSON lines); tail lines are unwrapped. */
  static List<CleanPost> parsePosts(String text, String what, int max) {
    List<CleanPost> posts = new ArrayList<>();
    try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
      int n = 0;
      while (values.hasNext() && posts.size() < max) {
        n++;
        JsonNode node = values.next();
        if (node.has("value") && node.has("topic")) {
          node = node.get("value"); // a line of ./feedpipe tail
        }
        if (!node.isObject()) {
          throw new ConfigException("--post " + what + ": value " + n + " is not a JSON object of a post");
        }
        posts.add(toPost(node));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException c) {
        throw c;
      }
      throw new ConfigException("--post " + what + ": not JSON of a post: " + e.getMessage());
    }
    return posts;
  }

  /** A CleanPost from its JSON form as tail prints it; what is missing gets a neutral value. */
  static CleanPost toPost(JsonNode n) {
    String text = str(n, "text", "");
    Instant now = Instant.EPOCH;
    return CleanPost.newBuilder()
        .setPostId(str(n, "postId", "(no postId)"))
        .setRevision(n.path("revision").asInt(1))
        .setTitle(str(n, "title", ""))
        .setLink(str(n, "link", null))
        .setAuthors(strings(n, "authors"))
        .setCategories(strings(n, "categories"))
        .setText(text)
        .setHtml(str(n, "html", ""))
        .setExcerpt(str(n, "excerpt", ""))
        .setWordCount(n.has("wordCount") ? n.get("wordCount").asInt() : WordCounter.count(text))
        .setOutboundLinks(strings(n, "outboundLinks"))
        .setContentHash(str(n, "contentHash", ""))
        .setPreviousContentHash(str(n, "previousContentHash", null))
        .setFeedId(str(n, "feedId", ""))
        .setFeedUrl(str(n, "feedUrl", ""))
        .setFirstSeenAt(now)
        .setLastSeenAt(now)
        .setFetchId(str(n, "fetchId", ""))
        .setLanguage(str(n, "language", null))
        .build();
  }

  private List<CleanPost> readTopic(FeedpipeConfig config, String topic) {
    List<CleanPost> posts = new ArrayList<>();
    Deserializer<CleanPost> values = AvroSerdes.deserializer(CleanPost.class);
    Consumer<ConsumerRecord<String, byte[]>> collect = record -> {
      if (record.value() == null || posts.size() >= max) {
        return;
      }
      try {
        posts.add(values.deserialize(topic, record.value()));
      } catch (SerializationException e) {
        throw new ConfigException("--from-topic " + topic + ": offset " + record.offset() + " of partition " + record.partition()
            + " is not a CleanPost (" + e.getMessage() + "); use posts.clean, posts.updates or a route topic");
      }
    };
    try (KafkaConnection kafka = KafkaConnection.open(config, false);
        CompactedTopicReader reader = new CompactedTopicReader(topic,
            CompactedTopicReader.consumer(ClientOptions.clientProps(config), "feedpipe-routes-test"), collect)) {
      try {
        reader.readToEnd(null, Duration.ofSeconds(30), () -> posts.size() >= max);
      } catch (UnknownTopicOrPartitionException e) {
        throw new ConfigException("--from-topic: topic '" + topic + "' does not exist on " + kafka.bootstrapServers());
      }
    }
    return posts;
  }

  private static String str(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static List<String> strings(JsonNode n, String field) {
    List<String> list = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v != null && v.isArray()) {
      v.forEach(item -> list.add(item.asText()));
    } else if (v != null && v.isValueNode() && !v.isNull()) {
      list.add(v.asText());
    }
    return list;
  }
}
