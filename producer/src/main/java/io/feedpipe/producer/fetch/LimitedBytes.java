package io.feedpipe.producer.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** Reads a stream to its end, refusing to hold more than a limit. */
final class LimitedBytes {
  private LimitedBytes() {}

  /**
   * @param what names the stream in the error, e.g. "file:///x.xml" or "gzip body of https://…"
   * @throws BodyTooLargeException as soon as more than {@code limit} bytes have come
   */
  static byte[] readAll(InputStream in, long limit, String what) throws IOException {
    try {
      return LimitedBodyReader.read(in, limit, what, -1, null);
    } catch (InterruptedException e) { // only a shared budget is waited for, and none is given
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + what);
    }
  }

  static BodyTooLargeException tooLarge(String what, long limit) {
    return new BodyTooLargeException(what + " is larger than the limit of " + limit + " bytes");
  }
}
