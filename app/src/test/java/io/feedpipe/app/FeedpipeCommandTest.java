package io.feedpipe.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.app.cli.CliRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FeedpipeCommandTest {

  private static final List<String> COMMANDS = List.of("run", "broker", "produce", "streams", "tail", "feeds", "sink", "replay",
      "reprocess", "lag", "routes", "web", "bench-producer", "bench", "bench-memory", "bench-recovery", "help");

  @Test
  void theTopLevelListsEveryCommandInOrder() {
    for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help"}, new String[] {"prodcue"})) {
      assertThat(FeedpipeCommand.commandLine(args).getSubcommands().keySet()).containsExactlyElementsOf(COMMANDS);
    }
  }

  @Test
  void aCommandRunBuildsThatCommandAloneUnderItsOwnName() {
    for (String name : COMMANDS) {
      if (name.equals("help")) {
        continue;
      }
      Map<String, CommandLine> built = FeedpipeCommand.commandLine(name, "--help").getSubcommands();
      assertThat(built).containsOnlyKeys(name);
      // The name the map gives is the one the command's annotation declares, so usage and errors agree.
      assertThat(built.get(name).getCommandSpec().name()).isEqualTo(name);
    }
  }

  @Test
  void aCommandsHelpIsTheSameBuiltAloneOrWithTheOthers() {
    for (String name : COMMANDS) {
      if (name.equals("help")) {
        continue;
      }
      String alone = FeedpipeCommand.commandLine(name).getSubcommands().get(name).getUsageMessage();
      String withAll = FeedpipeCommand.commandLine().getSubcommands().get(name).getUsageMessage();
      assertThat(alone).as(name).isEqualTo(withAll).contains("Usage: feedpipe " + name);
    }
  }

  @Test
  void helpNamesACommandsOptionsAndAMisspeltCommandIsAnsweredWithTheClosest() {
    CliRun help = CliRun.of("help", "produce");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out() + help.err()).contains("Usage: feedpipe produce").contains("--once");

    CliRun typo = CliRun.of("prodcue", "--once");
    assertThat(typo.exitCode()).isNotZero();
    assertThat(typo.err()).contains("prodcue").contains("produce");
  }
}
