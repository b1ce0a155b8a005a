package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.app.FeedpipeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code feedpipe routes test --post FILE}: no broker needed. */
class RoutesTestCommandTest {
  @TempDir Path dir;

  static final String CONFIG = """
      routes:
        - name: papers
          when: {title: '^\\[Paper\\]'}
        - name: long-ai
          when:
            all:
              - category: [AI, ML]
              - words: {min: 2000}
        - name: new-not-lw
          topic: other.new
          when: {revision: new, not: {feed: lesswrong}}
      """;

  record Run(int exit, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FeedpipeCommand.commandLine(args);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println(e.getMessage());
      return 2;
    });
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void showsWhichRulesATailLineMatchesAndWhy() throws Exception {
    Path config = Files.writeString(dir.resolve("routes.yaml"), CONFIG);
    Path post = Files.writeString(dir.resolve("post.json"),
        "{\"topic\":\"posts.clean\",\"partition\":0,\"offset\":3,\"timestamp\":\"2025-12-08T18:00:00Z\",\"key\":\"lw:1\","
            + "\"value\":{\"postId\":\"lw:1\",\"revision\":1,\"title\":\"[Paper] Scaling\",\"categories\":[\"AI\"],"
            + "\"authors\":[\"Jane\"],\"wordCount\":2500,\"feedId\":\"lesswrong\",\"language\":\"en\",\"text\":\"…\"}}\n");

    Run r = run("routes", "test", "--post", post.toString(), "--config", config.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("post lw:1  \"[Paper] Scaling\"")
        .contains("MATCH    papers -> posts.route.papers")
        .contains("[x] title ~ /^\\[Paper\\]/  (title is '[Paper] Scaling')")
        .contains("MATCH    long-ai -> posts.route.long-ai")
        .contains("[x] words >= 2000  (2500 words)")
        .contains("no match new-not-lw -> other.new")
        .contains("[ ] not  (the condition holds)")
        .contains("=> routed to 2 of 3 rule(s): papers, long-ai");
  }

  @Test
  void readsSeveralPostsAsJsonLinesUpToMax() throws Exception {
    Path config = Files.writeString(dir.resolve("routes.yaml"), CONFIG);
    Path posts = Files.writeString(dir.resolve("posts.jsonl"),
        "{\"postId\":\"a:1\",\"title\":\"one\",\"feedId\":\"a\",\"text\":\"two words\"}\n"
            + "{\"postId\":\"a:2\",\"title\":\"[Paper] two\",\"feedId\":\"a\"}\n"
            + "{\"postId\":\"a:3\",\"title\":\"three\",\"feedId\":\"a\"}\n");
    Run r = run("routes", "test", "--post", posts.toString(), "--config", config.toString(), "--max", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("post a:1", "2 words", "post a:2").doesNotContain("post a:3");
    assertThat(r.out()).contains("=> routed to 1 of 3 rule(s): new-not-lw");
  }

  @Test
  void catastrophicRegularExpressionIsAnOrdinarySearchUnderRe2() throws Exception {
    Path config = Files.writeString(dir.resolve("runaway.yaml"), """
        routes:
          - name: runaway
            when: {title: '(.*,){11}P'}
          - name: all
            when: {feed: a}
        """);
    Path post = Files.writeString(dir.resolve("post.json"),
        "{\"postId\":\"a:1\",\"title\":\"" + "1,".repeat(40) + "x\",\"feedId\":\"a\"}");
    Run r = run("routes", "test", "--post", post.toString(), "--config", config.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("no match runaway -> posts.route.runaway")
        .contains("MATCH    all -> posts.route.all")
        .contains("=> routed to 1 of 2 rule(s): all");
  }

  @Test
  void badRuleIsRefusedNamingTheRuleAndTheField() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.yaml"), """
        routes:
          - name: long-ai
            when: {all: [{category: AI}, {words: {min: lots}}]}
        """);
    Path post = Files.writeString(dir.resolve("post.json"), "{\"postId\":\"x\"}");
    Run r = run("routes", "test", "--post", post.toString(), "--config", config.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("routes[0].when.all[1].words.min must be a whole number, got 'lots' (rule 'long-ai')");
  }

  @Test
  void fileThatIsNotJsonOfAPostIsAnError() throws Exception {
    Path post = Files.writeString(dir.resolve("post.json"), "not json");
    Run r = run("routes", "test", "--post", post.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--post " + post + ": not JSON of a post");
  }
}
