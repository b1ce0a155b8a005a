package io.feedpipe.schemas.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro single-object encoding of one record type: {@code C3 01}, the writer schema's 8-byte
 * little-endian CRC-64-AVRO fingerprint, then the Avro binary body. The decoder resolves any
 * released writer schema (see {@link ReleasedSchemas}) to the reader's compiled schema, so old and
 * new versions both decode.
 *
 * <p>Thread-safe: Avro's message encoder and decoder keep per-thread buffers.
 */
public final class SingleObjectCodec<T extends SpecificRecordBase> {

  static {
    TrustedPackages.ensureTrusted();
  }

  private final Class<T> type;
  private final Schema readerSchema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private SingleObjectCodec(Class<T> type, Schema readerSchema, ReleasedSchemas store, SpecificData model) {
    this.type = type;
    this.readerSchema = readerSchema;
    this.encoder = new BinaryMessageEncoder<>(model, readerSchema);
    this.decoder = new BinaryMessageDecoder<>(model, readerSchema, store);
    for (Schema released : store.versionsOf(readerSchema.getFullName())) {
      decoder.addSchema(released);
    }
  }

  /** A codec for a generated record class, resolving writer schemas among the bundled released versions. */
  public static <T extends SpecificRecordBase> SingleObjectCodec<T> of(Class<T> type) {
    return of(type, ReleasedSchemas.bundled());
  }

  /** A codec that resolves writer schemas among {@code store}'s versions. */
  public static <T extends SpecificRecordBase> SingleObjectCodec<T> of(Class<T> type, ReleasedSchemas store) {
    return new SingleObjectCodec<>(type, SpecificData.get().getSchema(type), store, SpecificData.getForClass(type));
  }

  /**
   * A codec whose datum readers and writers are {@code model}'s, with the same header, fingerprints
   * and resolution of released schemas as {@link #of(Class)}: for a model that reads or writes some
   * values its own way but to the same records and bytes (the Streams stage's keeps the UTF-8 form
   * of long strings, which it would otherwise encode again).
   */
  public static <T extends SpecificRecordBase> SingleObjectCodec<T> of(Class<T> type, SpecificData model) {
    return new SingleObjectCodec<>(type, SpecificData.get().getSchema(type), ReleasedSchemas.bundled(), model);
  }

  public Class<T> type() {
    return type;
  }

  public Schema schema() {
    return readerSchema;
  }

  public byte[] encode(T record) {
    Objects.requireNonNull(record, "record");
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | AvroRuntimeException e) {
      throw new AvroCodecException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one record.
   *
   * @throws UnknownSchemaException when the header names a schema fingerprint that no released
   *     version has (a record from a newer feedpipe, or not ours)
   * @throws AvroCodecException when the bytes are not single-object encoded or the body is corrupt
   */
  public T decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      long fingerprint = fingerprintOf(bytes);
      throw new UnknownSchemaException(type.getSimpleName(), fingerprint, e);
    } catch (BadHeaderException e) {
      throw new AvroCodecException(
          "not an Avro single-object encoded " + type.getSimpleName() + " (" + e.getMessage() + "; " + bytes.length + " bytes)", e);
    } catch (IOException | RuntimeException e) {
      throw new AvroCodecException("corrupt " + type.getSimpleName() + " record (" + bytes.length + " bytes): " + e, e);
    }
  }

  /** The fingerprint in a single-object header: bytes 2..9, little-endian. */
  static long fingerprintOf(byte[] bytes) {
    if (bytes.length < 10) {
      return 0L;
    }
    long fp = 0;
    for (int i = 9; i >= 2; i--) {
      fp = (fp << 8) | (bytes[i] & 0xffL);
    }
    return fp;
  }
}
