package io.feedpipe.producer.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a response body into one byte array, giving up as soon as it exceeds a limit: a huge or
 * endless body costs at most {@code limit} bytes of memory and transfer.
 *
 * <p>The bytes are read straight into the array, sized by the Content-Length when the server gives
 * one (up to 1 MB; beyond, and without one, the array grows by doubling). A body that turns out
 * longer or shorter than declared is still read whole (and the array trimmed).
 */
final class LimitedBodyReader {
  private static final long PRESIZE_CAP = 1024 * 1024;
  private static final int CHUNK = 64 * 1024;

  private LimitedBodyReader() {}

  /**
   * @param what names the body in the error
   * @param declaredLength the Content-Length, -1 when unknown; when above the limit the body is
   *     refused before its first byte
   * @param reservation this fetch's share of the bytes all fetches may hold (null: none); every
   *     chunk is taken from it before it is kept. The caller closes it once the body is no longer needed
   * @throws BodyTooLargeException past the limit
   * @throws BytesInFlightException when the shared budget had no room in time
   */
  static byte[] read(InputStream in, long limit, String what, long declaredLength, BytesInFlight.Reservation reservation)
      throws IOException, InterruptedException {
    if (declaredLength > limit) {
      throw LimitedBytes.tooLarge(what + " (Content-Length " + declaredLength + ")", limit);
    }
    // Presized by the Content-Length, up to PRESIZE_CAP: a header alone (before any byte, outside
    // the bytes-in-flight budget) never makes us hold more than that.
    byte[] collected = new byte[declaredLength > 0 ? (int) Math.min(declaredLength, PRESIZE_CAP) : 8192];
    int size = 0;
    while (true) {
      if (size == collected.length) {
        // Full, as when the Content-Length was right: one byte tells whether the body goes on
        // before the array is doubled for it.
        int next = in.read();
        if (next < 0) {
          return collected;
        }
        // size <= limit, so the body fits an array whenever the limit does (it is an int here)
        collected = Arrays.copyOf(collected, (int) Math.min(Math.max(2L * collected.length, size + 1L), Integer.MAX_VALUE - 8));
        collected[size] = (byte) next;
        if (size + 1L > limit) {
          throw LimitedBytes.tooLarge(what, limit);
        }
        if (reservation != null) {
          reservation.grow(1);
        }
        size++;
        continue;
      }
      int n = in.read(collected, size, Math.min(collected.length - size, CHUNK));
      if (n < 0) {
        return Arrays.copyOf(collected, size);
      }
      if (size + (long) n > limit) {
        throw LimitedBytes.tooLarge(what, limit);
      }
      if (reservation != null) {
        reservation.grow(n); // may wait (bounded) for other fetches to end; the socket is not read meanwhile
      }
      size += n;
    }
  }
}
