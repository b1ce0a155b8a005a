package io.feedpipe.producer.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LimitedBodyReaderTest {
  private static final byte[] BODY = bytes(300_000);

  @Test
  void readsABodyOfItsDeclaredLengthWhole() throws Exception {
    assertThat(read(BODY, BODY.length, 1_000_000)).isEqualTo(BODY);
  }

  @Test
  void readsABodyLongerOrShorterThanDeclaredOrUndeclaredWhole() throws Exception {
    assertThat(read(BODY, 1_000, 1_000_000)).isEqualTo(BODY);
    assertThat(read(BODY, 900_000, 1_000_000)).isEqualTo(BODY);
    assertThat(read(BODY, -1, 1_000_000)).isEqualTo(BODY);
    assertThat(read(new byte[0], -1, 1_000_000)).isEmpty();
  }

  @Test
  void aBodyOfExactlyTheLimitIsKeptOneByteMoreIsNot() throws Exception {
    assertThat(read(BODY, -1, BODY.length)).isEqualTo(BODY);
    assertThat(read(BODY, BODY.length, BODY.length)).isEqualTo(BODY);

    assertThatThrownBy(() -> read(BODY, -1, BODY.length - 1)).isInstanceOf(BodyTooLargeException.class).hasMessageContaining("body of test");
    assertThatThrownBy(() -> read(BODY, BODY.length - 1, BODY.length - 1)).isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeAnyByteIsRead() {
    CountingStream in = new CountingStream(BODY);

    assertThatThrownBy(() -> LimitedBodyReader.read(in, 1_000, "body of test", 5_000, null))
        .isInstanceOf(BodyTooLargeException.class).hasMessageContaining("Content-Length 5000");
    assertThat(in.read).isZero();
  }

  @Test
  void everyByteReadIsTakenFromTheSharedBudget() throws Exception {
    BytesInFlight budget = new BytesInFlight(1_000_000, Duration.ofMillis(100));
    try (BytesInFlight.Reservation reservation = budget.open("body of test")) {
      LimitedBodyReader.read(new CountingStream(BODY), 1_000_000, "body of test", -1, reservation);

      assertThat(reservation.held()).isEqualTo(BODY.length);
    }
    assertThat(budget.used()).isZero();
  }

  @Test
  void aBodyLargerThanTheWholeBudgetFailsAsSuch() {
    BytesInFlight budget = new BytesInFlight(100_000, Duration.ofMillis(100));
    try (BytesInFlight.Reservation reservation = budget.open("body of test")) {
      assertThatThrownBy(() -> LimitedBodyReader.read(new CountingStream(BODY), 1_000_000, "body of test", BODY.length, reservation))
          .isInstanceOfSatisfying(BytesInFlightException.class, e -> assertThat(e.largerThanBudget()).isTrue());
    }
  }

  private static byte[] read(byte[] body, long declared, long limit) throws Exception {
    return LimitedBodyReader.read(new CountingStream(body), limit, "body of test", declared, null);
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  /** Hands out at most 1,000 bytes per read, as a socket does, and counts them. */
  private static final class CountingStream extends FilterInputStream {
    long read;

    CountingStream(byte[] body) {
      super(new ByteArrayInputStream(body));
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      read += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, Math.min(len, 1_000));
      read += Math.max(n, 0);
      return n;
    }
  }
}
