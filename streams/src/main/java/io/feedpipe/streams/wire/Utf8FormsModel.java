package io.feedpipe.streams.wire;

import java.io.IOException;
import io.feedpipe.schemas.wire.KeptUtf8Writer;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

/**
 * A record type's Avro data model, except that its readers keep the UTF-8 bytes each long string
 * was decoded from ({@link Utf8Forms}), and its writers write a string's kept form instead of
 * encoding it again ({@link KeptUtf8Writer}). Records and bytes are the same as the type's own model's.
 *
 * <p>Why: the stream thread encoded each long string two or three times a post (hashes, then the
 * record); the decoded HTML of a post from posts.raw had been UTF-8 just before.
 *
 * <p>Being a subclass of {@link SpecificData}, this model is read by Avro's classic datum reader,
 * not its "fast reader" (which Avro 1.12 takes only for {@code SpecificData} itself), and with
 * {@code org.apache.avro.specific.use_custom_coders=true} the generated classes' own coders would
 * bypass both overrides. Either costs speed only, never the bytes or the records: measure before
 * changing this (docs/results.md, the stream thread's single UTF-8 encoding).
 */
final class Utf8FormsModel extends SpecificData {

  /** The replacement char: the decoder's mark of bytes that were not UTF-8. */
  private static final char REPLACED = '\uFFFD';

  Utf8FormsModel(SpecificData model) {
    super(model.getClassLoader());
    model.getConversions().forEach(this::addLogicalTypeConversion);
    setCustomCoders(model.useCustomCoders());
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public DatumReader createDatumReader(Schema writer, Schema reader) {
    return new KeepingReader(writer, reader, this);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public DatumWriter createDatumWriter(Schema schema) {
    return new KeptUtf8Writer<>(schema, this, Utf8Forms::kept);
  }

  private static final class KeepingReader<T> extends SpecificDatumReader<T> {
    KeepingReader(Schema writer, Schema reader, SpecificData model) {
      super(writer, reader, model);
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
      if (findStringClass(expected) != String.class) {
        return super.readString(old, expected, in);
      }
      // What Decoder.readString() does (Utf8.toString), with the bytes in an array of their own.
      Utf8 utf8 = in.readString(null);
      String s = utf8.toString();
      // Malformed bytes decode to U+FFFD and would encode to other bytes: those are not kept.
      if (s.length() >= Utf8Forms.MIN_LENGTH && s.indexOf(REPLACED) < 0 && utf8.getBytes().length == utf8.getByteLength()) {
        Utf8Forms.keep(s, utf8.getBytes());
      }
      return s;
    }
  }
}
