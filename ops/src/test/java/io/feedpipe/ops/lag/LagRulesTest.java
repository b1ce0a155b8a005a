package io.feedpipe.ops.lag;

import static io.feedpipe.ops.lag.Observation.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded sequences of observations (time, committed, end, owned) and the status each must give. */
class LagRulesTest {

  static LagStatus status(Observation... window) {
    return LagRules.evaluate(List.of(window)).status();
  }

  @Test
  void consumerThatCaughtUpWithinTheWindowIsOk() {
    assertThat(status(of(0, 100, 100, true), of(10, 100, 150, true), of(20, 100, 200, true))).isEqualTo(LagStatus.OK);
    assertThat(LagRules.evaluate(List.of(of(0, 100, 100, true))).reason()).isEqualTo("caught up");
  }

  @Test
  void consumerMovingWithSteadyLagIsOk() {
    assertThat(status(of(0, 100, 150, true), of(10, 150, 190, true), of(20, 190, 240, true), of(30, 240, 280, true)))
        .isEqualTo(LagStatus.OK);
  }

  @Test
  void lagGrowingAtEveryObservationWhileCommittingIsWarn() {
    Observation[] window = {of(0, 100, 110, true), of(10, 120, 140, true), of(20, 140, 200, true), of(30, 160, 290, true)};
    assertThat(status(window)).isEqualTo(LagStatus.WARN);
    assertThat(LagRules.evaluate(List.of(window)).reason()).contains("10 to 130");
  }

  @Test
  void lagThatGrowsButNotAtEveryStepIsOk() {
    assertThat(status(of(0, 100, 110, true), of(10, 120, 140, true), of(20, 140, 150, true), of(30, 160, 290, true)))
        .isEqualTo(LagStatus.OK);
  }

  @Test
  void twoObservationsAreTooFewForATrend() {
    assertThat(status(of(0, 100, 110, true), of(10, 120, 140, true))).isEqualTo(LagStatus.OK);
    assertThat(status(of(0, 100, 110, true), of(10, 100, 140, true))).isEqualTo(LagStatus.OK);
  }

  @Test
  void liveMemberWhoseOffsetStandsStillWhileRecordsWaitIsStall() {
    Observation[] window = {of(0, 500, 520, true), of(10, 500, 530, true), of(20, 500, 530, true)};
    assertThat(status(window)).isEqualTo(LagStatus.STALL);
    assertThat(LagRules.evaluate(List.of(window)).reason()).contains("stayed at 500").contains("30 record(s) wait");
  }

  @Test
  void noMemberAndAnOffsetThatDoesNotMoveWhileRecordsWaitIsStop() {
    assertThat(status(of(0, 40, 100, false), of(10, 40, 100, false), of(20, 40, 100, false))).isEqualTo(LagStatus.STOP);
  }

  @Test
  void oneLookAtAnUnownedPartitionWithLagIsAlreadyStop() {
    Evaluation e = LagRules.evaluate(List.of(of(0, 40, 100, false)));
    assertThat(e.status()).isEqualTo(LagStatus.STOP);
    assertThat(e.reason()).contains("no live member").contains("60 record(s) wait");
  }

  @Test
  void consumerThatStoppedIsStopOnlyOnceItsLastCommitLeftTheWindow() {
    // it committed within the window, then its member left
    assertThat(status(of(0, 30, 100, true), of(10, 40, 100, false), of(20, 40, 100, false))).isEqualTo(LagStatus.OK);
    assertThat(status(of(10, 40, 100, false), of(20, 40, 100, false), of(30, 40, 100, false))).isEqualTo(LagStatus.STOP);
  }

  @Test
  void committedOffsetMovingBackIsRewind() {
    Evaluation e = LagRules.evaluate(List.of(of(0, 900, 1000, true), of(10, 950, 1000, true), of(20, 0, 1000, true)));
    assertThat(e.status()).isEqualTo(LagStatus.REWIND);
    assertThat(e.reason()).isEqualTo("committed offset moved back from 950 to 0");
  }

  @Test
  void rewindWinsOverCaughtUp() {
    assertThat(status(of(0, 1000, 1000, true), of(10, 0, 1000, true))).isEqualTo(LagStatus.REWIND);
  }

  @Test
  void aFirstCommitIsNotARewind() {
    assertThat(status(of(0, -1, 100, true), of(10, 20, 100, true), of(20, 60, 100, true))).isEqualTo(LagStatus.OK);
  }

  @Test
  void statusesAreOrderedFromBestToWorst() {
    assertThat(LagStatus.STOP.worseThan(LagStatus.STALL)).isTrue();
    assertThat(LagStatus.STALL.worseThan(LagStatus.REWIND)).isTrue();
    assertThat(LagStatus.REWIND.worseThan(LagStatus.WARN)).isTrue();
    assertThat(LagStatus.WARN.worseThan(LagStatus.OK)).isTrue();
  }
}
