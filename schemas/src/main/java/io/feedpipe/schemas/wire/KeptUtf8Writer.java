package io.feedpipe.schemas.wire;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's writer for a generated record class, except that a string whose UTF-8 form the caller
 * already holds ({@code kept} answers it, or null) is written from those bytes instead of being
 * encoded again. The output is byte for byte {@link SpecificDatumWriter}'s, provided {@code kept}
 * only answers {@code s.getBytes(UTF_8)}.
 *
 * <p>Why: a post's long strings (its HTML, its text) are nearly always beyond Latin-1, so encoding
 * them takes the JDK's slow per-char path, and both the producer (for the value repair's scan) and
 * the Streams stage (for its hashes) have encoded them already.
 */
public final class KeptUtf8Writer<T> extends SpecificDatumWriter<T> {
  private final Function<String, byte[]> kept;

  public KeptUtf8Writer(Schema schema, SpecificData model, Function<String, byte[]> kept) {
    super(schema, model);
    this.kept = Objects.requireNonNull(kept, "kept");
  }

  @Override
  protected void writeString(Object datum, Encoder out) throws IOException {
    byte[] utf8 = datum instanceof String s ? kept.apply(s) : null;
    if (utf8 == null) {
      super.writeString(datum, out);
      return;
    }
    // As BinaryEncoder.writeString(String) does: the length, then the bytes.
    out.writeInt(utf8.length);
    out.writeFixed(utf8, 0, utf8.length);
  }
}
