package io.feedpipe.producer.kafka;

import io.feedpipe.producer.text.SourceChars;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroCodecException;
import io.feedpipe.schemas.wire.KeptUtf8Writer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A post in Avro single-object encoding — byte for byte what {@code AvroSerdes.serializer(FetchedPost.class)}
 * writes: {@code C3 01}, the schema's CRC-64-AVRO fingerprint, the binary body — except that a string
 * whose UTF-8 form the value repair made in its scan ({@link SourceChars#utf8}: a post's HTML) is
 * written from those bytes instead of being encoded again. Errors read as that serializer's do.
 * Thread-safe: each thread has its own buffer.
 */
final class FetchedPostSerializer implements Serializer<FetchedPost> {
  private static final Schema SCHEMA = FetchedPost.getClassSchema();
  private static final byte[] HEADER = header(SCHEMA);

  private final KeptUtf8Writer<FetchedPost> writer =
      new KeptUtf8Writer<>(SCHEMA, SpecificData.getForClass(FetchedPost.class), SourceChars::utf8);
  private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

  private static byte[] header(Schema schema) {
    byte[] fingerprint;
    try {
      fingerprint = SchemaNormalization.parsingFingerprint("CRC-64-AVRO", schema); // little-endian, as the header has it
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Avro has no CRC-64-AVRO fingerprint", e); // Avro's own algorithm: never
    }
    byte[] header = new byte[2 + fingerprint.length];
    header[0] = (byte) 0xC3;
    header[1] = (byte) 0x01;
    System.arraycopy(fingerprint, 0, header, 2, fingerprint.length);
    return header;
  }

  @Override
  public byte[] serialize(String topic, FetchedPost post) {
    if (post == null) {
      return null; // a tombstone stays a tombstone
    }
    Buffers b = buffers.get();
    b.out.reset();
    try {
      b.out.write(HEADER);
      b.encoder = EncoderFactory.get().directBinaryEncoder(b.out, b.encoder);
      writer.write(post, b.encoder);
      b.encoder.flush();
      return b.out.toByteArray();
    } catch (IOException | AvroRuntimeException e) {
      AvroCodecException codec = new AvroCodecException("cannot encode " + FetchedPost.class.getSimpleName() + ": " + e.getMessage(), e);
      throw new SerializationException("topic " + topic + ": " + codec.getMessage(), codec);
    }
  }

  private static final class Buffers {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    BinaryEncoder encoder;
  }

}
