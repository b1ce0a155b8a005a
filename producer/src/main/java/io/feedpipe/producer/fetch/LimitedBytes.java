package io.feedpipe.producer.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream to its end, refusing to hold more than a limit. */
final class LimitedBytes {
  private LimitedBytes() {}

  /**
   * @param what names the stream in the error, e.g. "file:///x.xml" or "gzip body of https://…"
   * @throws BodyTooLargeException as soon as more than {@code limit} bytes have come
   */
  static byte[] readAll(InputStream in, long limit, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > limit) {
        throw tooLarge(what, limit);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  static BodyTooLargeException tooLarge(String what, long limit) {
    return new BodyTooLargeException(what + " is larger than the limit of " + limit + " bytes");
  }
}
