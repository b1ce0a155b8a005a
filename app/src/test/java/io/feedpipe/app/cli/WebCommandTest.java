package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class WebCommandTest {

  @Test
  void helpHasExamples() {
    CliRun run = CliRun.of("web", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: feedpipe web").contains("--listen").contains("127.0.0.1:8080").contains("./feedpipe web");
  }

  @Test
  void listenAddressesAreHostColonPort() {
    assertThat(WebCommand.listenAddress("127.0.0.1:8080")).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    assertThat(WebCommand.listenAddress("[::1]:0")).isEqualTo(new InetSocketAddress("::1", 0));
  }

  @Test
  void aBadListenAddressOrBoundIsRefusedBeforeConnecting() {
    for (String[] args : new String[][] {{"web", "--listen", "8080"}, {"web", "--listen", "localhost:http"},
        {"web", "--listen", "127.0.0.1:70000"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", args)).contains("--listen");
    }
    CliRun zero = CliRun.of("web", "--max-posts", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("max-posts");
    CliRun relative = CliRun.of("web", "--public-url", "/news/");
    assertThat(relative.exitCode()).isEqualTo(2);
    assertThat(relative.err()).contains("--public-url");
  }
}
