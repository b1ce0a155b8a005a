package io.feedpipe.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code feedpipe routes}: the routing rules of the configuration. */
@Command(
    name = "routes",
    mixinStandardHelpOptions = true,
    description = "Routing rules: every revision whose rule matches is also written to the rule's topic (posts.route.<name> by default).",
    subcommands = {RoutesTestCommand.class},
    footer = {
      "",
      "Rules are configured under routes: (see app/src/main/resources/feedpipe-defaults.yaml and docs/cleaning-and-routing.md).",
      "  ./feedpipe routes test --post post.json                     which rules a post matches, and why",
      "  ./feedpipe routes test --from-topic posts.clean --max 20    the same for posts already in a topic"
    })
public final class RoutesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
