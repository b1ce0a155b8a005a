package io.feedpipe.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticMemberIdTest {

  @TempDir Path dir;

  @Test
  void theSameStateDirectoryGivesTheSameIdAcrossStarts() {
    Path state = dir.resolve("streams");
    String first = StaticMemberId.of(state, "feedpipe-streams");
    String second = StaticMemberId.of(state, "feedpipe-streams");
    assertThat(first).startsWith("feedpipe-streams-").matches("[A-Za-z0-9._-]+").isEqualTo(second);
    assertThat(StaticMemberId.file(state, "feedpipe-streams")).exists();
  }

  @Test
  void anotherStateDirectoryOrApplicationGetsAnotherId() {
    String one = StaticMemberId.of(dir.resolve("a"), "feedpipe-streams");
    assertThat(StaticMemberId.of(dir.resolve("b"), "feedpipe-streams")).isNotEqualTo(one);
    assertThat(StaticMemberId.of(dir.resolve("a"), "other-app")).isNotEqualTo(one).startsWith("other-app-");
  }

  @Test
  void theIdSurvivesKafkaStreamsWipingTheApplicationsStateDirectory() throws Exception {
    Path state = dir.resolve("streams");
    String id = StaticMemberId.of(state, "app");
    Files.createDirectories(state.resolve("app").resolve("0_1"));
    org.apache.kafka.common.utils.Utils.delete(state.resolve("app").toFile());
    assertThat(StaticMemberId.of(state, "app")).isEqualTo(id);
  }

  @Test
  void aConfiguredIdWinsAndAnEmptyOneTurnsStaticMembershipOff() {
    Properties props = new Properties();
    StaticMemberId.apply(props, dir, "app");
    assertThat(props.getProperty("group.instance.id")).isEqualTo(StaticMemberId.of(dir, "app"));

    Properties named = new Properties();
    named.put("group.instance.id", "streams-eu-1");
    StaticMemberId.apply(named, dir, "app");
    assertThat(named.get("group.instance.id")).isEqualTo("streams-eu-1");

    Properties mainConsumerOnly = new Properties();
    mainConsumerOnly.put("main.consumer.group.instance.id", "streams-eu-2");
    StaticMemberId.apply(mainConsumerOnly, dir, "app");
    assertThat(mainConsumerOnly).doesNotContainKey("group.instance.id");
    assertThat(new org.apache.kafka.streams.StreamsConfig(withRequired(mainConsumerOnly)).getMainConsumerConfigs("g", "c", 1))
        .containsEntry("group.instance.id", "streams-eu-2-1");

    for (String key : new String[] {"main.consumer.group.instance.id", "group.instance.id"}) {
      Properties off = new Properties();
      off.put(key, "");
      StaticMemberId.apply(off, dir, "app");
      assertThat(off).as(key).doesNotContainKeys("group.instance.id", "main.consumer.group.instance.id");
    }
  }

  @Test
  void kafkaStreamsGivesEachThreadItsOwnMemberId() {
    Properties props = withRequired(new Properties());
    StaticMemberId.apply(props, dir, "app");
    var config = new org.apache.kafka.streams.StreamsConfig(props);
    assertThat(config.getMainConsumerConfigs("g", "c", 1).get("group.instance.id")).isEqualTo(StaticMemberId.of(dir, "app") + "-1");
    assertThat(config.getMainConsumerConfigs("g", "c", 2).get("group.instance.id")).isEqualTo(StaticMemberId.of(dir, "app") + "-2");
    assertThat(config.getRestoreConsumerConfigs("c")).doesNotContainKey("group.instance.id");
  }

  private static Properties withRequired(Properties props) {
    props.put("application.id", "app");
    props.put("bootstrap.servers", "kafka:9092");
    return props;
  }

  @Test
  void aDamagedFileIsNamedInTheError() throws Exception {
    Files.writeString(StaticMemberId.file(dir, "app"), "not an id!\n");
    assertThatThrownBy(() -> StaticMemberId.of(dir, "app"))
        .hasMessageContaining("app.group-instance-id").hasStackTraceContaining("delete the file");
  }
}
