package io.feedpipe.schemas.wire;

/**
 * A record was written with a schema this build does not know: its fingerprint matches no released
 * version. Usually a record from a newer feedpipe (upgrade this reader) or from another producer.
 */
public final class UnknownSchemaException extends AvroCodecException {
  private final long fingerprint;

  public UnknownSchemaException(String recordType, long fingerprint, Throwable cause) {
    super(
        "unknown schema fingerprint "
            + ReleasedSchemas.hex(fingerprint)
            + " for "
            + recordType
            + ": no released version of the schema has it (written by a newer feedpipe, or not a "
            + recordType
            + " at all)",
        cause);
    this.fingerprint = fingerprint;
  }

  public long fingerprint() {
    return fingerprint;
  }
}
