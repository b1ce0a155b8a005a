package io.feedpipe.client.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.MalformedInputException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StandardFailuresTest {

  @ParameterizedTest
  @ValueSource(strings = {"22021", "22P05", "22008", "22001", "22003", "22007", "23505", "23514", "23502", "42804", "54000"})
  void dataExceptionsAndConstraintViolationsAreTheRecordsFault(String state) {
    assertThat(StandardFailures.classify(new SQLException("bad value", state))).isEqualTo(FailureKind.DETERMINISTIC);
  }

  @ParameterizedTest
  @ValueSource(strings = {"08006", "08001", "40001", "40P01", "53100", "53300", "57014", "57P01", "58030", "25P02", "XX000"})
  void connectionContentionResourcesAndUnknownStatesAreRetried(String state) {
    assertThat(StandardFailures.classify(new SQLException("outage", state))).isEqualTo(FailureKind.TRANSIENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"42P01", "42703", "42501", "42601", "42883"})
  void missingTableColumnOrPrivilegeIsRetriedNotBlamedOnEveryRecord(String state) {
    assertThat(StandardFailures.classify(new SQLException("schema not as expected", state))).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void categoryOfARejectIsTheSqlStateClassOrTheJavaKindFromASmallSet() {
    BatchUpdateException batch = new BatchUpdateException("batch entry 3 failed", "22021", new int[0]);
    batch.setNextException(new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
    assertThat(StandardFailures.category(batch)).isEqualTo("data_exception");
    assertThat(StandardFailures.category(new SQLException("check", "23514"))).isEqualTo("integrity_constraint_violation");
    assertThat(StandardFailures.category(new SQLException("index row too big", "54000"))).isEqualTo("program_limit_exceeded");
    assertThat(StandardFailures.category(new SQLException("ambiguous", "42702"))).isEqualTo("syntax_error_or_access_rule_violation");
    assertThat(StandardFailures.category(new SQLException("odd", "XX001"))).isEqualTo("database_error");
    assertThat(StandardFailures.category(new RuntimeException(new DateTimeException("year 300000")))).isEqualTo("value_not_convertible");
    assertThat(StandardFailures.category(new MalformedInputException(1))).isEqualTo("unencodable_text");
    assertThat(StandardFailures.category(new DeterministicFailureException("no reject handler", null))).isEqualTo("other");
  }

  @Test
  void sqlExceptionWithoutStateIsRetried() {
    assertThat(StandardFailures.classify(new SQLException("no state"))).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void transientJdbcTypesAndConnectionIoAreRetried() {
    assertThat(StandardFailures.classify(new SQLTimeoutException("slow"))).isEqualTo(FailureKind.TRANSIENT);
    assertThat(StandardFailures.classify(new SQLTransientConnectionException("gone"))).isEqualTo(FailureKind.TRANSIENT);
    assertThat(StandardFailures.classify(new SocketTimeoutException("read timed out"))).isEqualTo(FailureKind.TRANSIENT);
    assertThat(StandardFailures.classify(new UncheckedIOException(new IOException("No space left on device")))).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void unknownExceptionsAreRetried() {
    assertThat(StandardFailures.classify(new IllegalStateException("?"))).isEqualTo(FailureKind.TRANSIENT);
    assertThat(StandardFailures.classify(new RuntimeException("database down"))).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void conversionFailuresInJavaBeforeTheDriverAreTheRecordsFault() {
    assertThat(StandardFailures.classify(new DateTimeException("Instant exceeds minimum or maximum instant"))).isEqualTo(FailureKind.DETERMINISTIC);
    assertThat(StandardFailures.classify(new ArithmeticException("long overflow"))).isEqualTo(FailureKind.DETERMINISTIC);
    assertThat(StandardFailures.classify(new MalformedInputException(1))).isEqualTo(FailureKind.DETERMINISTIC);
    assertThat(StandardFailures.classify(new RuntimeException("row", new DeterministicFailureException("too big")))).isEqualTo(FailureKind.DETERMINISTIC);
  }

  @Test
  void jdbcBatchIsClassifiedByTheServersErrorInItsNextException() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0], null);
    batch.setNextException(new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

    assertThat(StandardFailures.classify(batch)).isEqualTo(FailureKind.DETERMINISTIC);
    assertThat(StandardFailures.reason(batch)).isEqualTo("SQLState 22021: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");
  }

  @Test
  void aTransientSignAnywhereInTheChainWins() {
    SQLException data = new SQLException("value out of range", "22003", new SocketTimeoutException("read timed out"));
    assertThat(StandardFailures.classify(data)).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void reasonOfAJavaFailureNamesItsType() {
    assertThat(StandardFailures.reason(new RuntimeException("wrap", new DateTimeException("year out of range"))))
        .isEqualTo("DateTimeException: year out of range");
  }

  @Test
  void causeCyclesDoNotLoop() {
    SQLException a = new SQLException("a", "22001");
    SQLException b = new SQLException("b", "22001");
    a.setNextException(b);
    b.setNextException(a);
    assertThat(StandardFailures.classify(a)).isEqualTo(FailureKind.DETERMINISTIC);
  }
}
