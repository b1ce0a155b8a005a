package io.feedpipe.schemas.wire;

/** A record could not be encoded or decoded; the message names the record type and the cause. */
public class AvroCodecException extends RuntimeException {
  public AvroCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
