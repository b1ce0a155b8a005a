package io.feedpipe.streams.dedupe;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * What the dedupe store keeps of a revision's content: its content hash (title + text, which
 * defines a revision), and what the next edit's summary needs: the title, a hash of the text
 * alone, and the {@link WordSketch} of the text.
 */
public record RevisionContent(String title, String contentHash, String textHash, byte[] wordSketch) {

  public RevisionContent {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(textHash, "textHash");
    Objects.requireNonNull(wordSketch, "wordSketch");
  }

  public static RevisionContent of(String plainTitle, String plainText) {
    // The same hashes as ContentHash.of(title, text) and Sha256.hex(text), and the same sketch as
    // WordSketch.of(text), from one pass over the text that encodes it for both digests.
    MessageDigest content = Sha256.newDigest();
    content.update(Sha256.utf8(plainTitle));
    Sha256.separate(content);
    MessageDigest text = Sha256.newDigest();
    byte[] sketch = WordSketch.of(plainText, content, text);
    return new RevisionContent(plainTitle, Sha256.hex(content), Sha256.hex(text), sketch);
  }

  ByteBuffer sketchBuffer() {
    return ByteBuffer.wrap(wordSketch);
  }
}
