package io.feedpipe.connect.mapping;

import io.feedpipe.schemas.wire.AvroCodecException;
import io.feedpipe.schemas.wire.ReleasedSchemas;
import io.feedpipe.schemas.wire.UnknownSchemaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * feedpipe's single-object encoding ({@code C3 01}, the writer schema's 8-byte little-endian
 * CRC-64-AVRO fingerprint, the Avro body) for records of any feedpipe type, as Avro generic
 * records. The fingerprint names the writer schema among every released version; the record is
 * resolved to the latest released version of the same record type (the reader's current one).
 * Unlike {@code SingleObjectCodec} it needs no generated class and no type given in advance: the
 * fingerprint says which type the bytes hold.
 *
 * <p>Thread-safe: it keeps no per-call state.
 */
public final class GenericSingleObjectCodec {

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;
  private static final int HEADER = 10;

  private final ReleasedSchemas released;

  public GenericSingleObjectCodec(ReleasedSchemas released) {
    this.released = Objects.requireNonNull(released, "released");
  }

  /** One decoded record: the record in the reader's schema, and which versions wrote and read it. */
  public record Decoded(GenericRecord record, Schema writer, Schema reader, int readerVersion) {}

  /**
   * Decodes one record, whatever its type.
   *
   * @throws UnknownSchemaException when no released version has the header's fingerprint
   * @throws AvroCodecException when the bytes are not single-object encoded, or the body is corrupt
   *     or longer than its schema says
   */
  public Decoded decode(byte[] bytes) {
    if (bytes.length < HEADER || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      throw new AvroCodecException("not an Avro single-object encoded feedpipe record (" + bytes.length
          + " bytes, header " + headerHex(bytes) + "; expected c301 and an 8-byte fingerprint)", null);
    }
    long fingerprint = fingerprintOf(bytes);
    Schema writer = released.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new UnknownSchemaException("feedpipe record", fingerprint, null);
    }
    Schema reader = currentVersionOf(writer.getFullName());
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
      GenericRecord record = new GenericDatumReader<GenericRecord>(writer, reader, GenericData.get()).read(null, decoder);
      if (!decoder.isEnd()) {
        throw new AvroCodecException("corrupt " + writer.getName() + " record (" + bytes.length
            + " bytes): bytes left over after the record", null);
      }
      return new Decoded(record, writer, reader, versionNumber(reader));
    } catch (IOException | RuntimeException e) {
      if (e instanceof AvroCodecException codec) {
        throw codec;
      }
      throw new AvroCodecException("corrupt " + writer.getName() + " record (" + bytes.length + " bytes, writer "
          + ReleasedSchemas.hex(fingerprint) + "): " + e, e);
    }
  }

  /** Encodes a record of the current version of its type, with that version's fingerprint. */
  public byte[] encode(GenericRecord record) {
    Schema schema = record.getSchema();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MARKER_0);
    out.write(MARKER_1);
    long fingerprint = ReleasedSchemas.fingerprint(schema);
    for (int i = 0; i < 8; i++) {
      out.write((int) (fingerprint >>> (8 * i)) & 0xff);
    }
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new AvroCodecException("cannot encode " + schema.getName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** The latest released version of a record type (full name), which is the one feedpipe writes now. */
  public Schema currentVersionOf(String fullName) {
    List<Schema> versions = released.versionsOf(fullName);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("no released feedpipe schema is named " + fullName);
    }
    return versions.get(versions.size() - 1);
  }

  /** 1 for the first released version of the schema's type, 2 for the next, … */
  public int versionNumber(Schema schema) {
    List<Schema> versions = released.versionsOf(schema.getFullName());
    long fingerprint = ReleasedSchemas.fingerprint(schema);
    for (int i = 0; i < versions.size(); i++) {
      if (ReleasedSchemas.fingerprint(versions.get(i)) == fingerprint) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("schema " + schema.getFullName() + " " + ReleasedSchemas.hex(fingerprint)
        + " is not a released version");
  }

  private static long fingerprintOf(byte[] bytes) {
    long fp = 0;
    for (int i = 9; i >= 2; i--) {
      fp = (fp << 8) | (bytes[i] & 0xffL);
    }
    return fp;
  }

  private static String headerHex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, 2); i++) {
      hex.append(String.format("%02x", bytes[i]));
    }
    return hex.length() == 0 ? "empty" : hex.toString();
  }
}
