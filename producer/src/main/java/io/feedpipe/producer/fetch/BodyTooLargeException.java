package io.feedpipe.producer.fetch;

import java.io.IOException;

/** A body exceeded the size limit; thrown while reading, so the rest is never read. */
final class BodyTooLargeException extends IOException {
  BodyTooLargeException(String message) {
    super(message);
  }
}
