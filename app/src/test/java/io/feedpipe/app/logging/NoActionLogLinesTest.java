package io.feedpipe.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class NoActionLogLinesTest {

  private final LoggerContext context = new LoggerContext();
  private final NoActionLogLines filter = new NoActionLogLines();

  @Test
  void dropsOnlyTheReplicaManagersRetriedSequenceErrors() {
    var replicaManager = context.getLogger("kafka.server.ReplicaManager");
    assertThat(filter.decide(null, replicaManager, Level.ERROR, "append failed", null, new OutOfOrderSequenceException("seq")))
        .isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, replicaManager, Level.ERROR, "append failed", null, new TimeoutException("slow")))
        .as("another broker error still shows").isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, context.getLogger("io.feedpipe.Other"), Level.ERROR, "x", null, new OutOfOrderSequenceException("seq")))
        .as("the same exception elsewhere still shows").isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void dropsOnlyTheGlobalThreadHandlerAdviceOfStreamsConfig() {
    var streamsConfig = context.getLogger("org.apache.kafka.streams.StreamsConfig");
    assertThat(filter.decide(null, streamsConfig, Level.WARN, NoActionLogLines.GLOBAL_HANDLER_ADVICE + ". It's recommended…", null, null))
        .isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, streamsConfig, Level.WARN, "Unrecognized setting {}", null, null))
        .as("other StreamsConfig warnings still show").isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void dropsTheControllerActivationNoteAndTheDroppedHighWatermarksButNotTheirLoggersOtherLines() {
    var controller = context.getLogger("org.apache.kafka.controller.QuorumController");
    assertThat(filter.decide(null, controller, Level.WARN,
        "[QuorumController id=1] " + NoActionLogLines.CONTROLLER_ACTIVATION + " The metadata log appears to be empty. Appending {} bootstrap record(s)",
        null, null)).isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, controller, Level.WARN, "[QuorumController id=1] " + NoActionLogLines.CONTROLLER_ACTIVATION + "{}",
        new Object[] {""}, null)).as("at a restart").isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, controller, Level.WARN, "[QuorumController id=1] Renouncing the leadership due to a metadata log event", null, null))
        .isEqualTo(FilterReply.NEUTRAL);
    var offsets = context.getLogger("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils");
    assertThat(filter.decide(null, offsets, Level.WARN,
        "[Consumer clientId=c, groupId=null] " + NoActionLogLines.DROPPED_HIGH_WATERMARK + " {} as it is no longer assigned", null, null))
        .isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, offsets, Level.WARN, "[Consumer clientId=c] Attempt to fetch offsets for partition {} failed", null, null))
        .isEqualTo(FilterReply.NEUTRAL);
  }
}
