package io.feedpipe.streams.dedupe;

import java.nio.ByteBuffer;
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
    return new RevisionContent(plainTitle, ContentHash.of(plainTitle, plainText), Sha256.hex(plainText), WordSketch.of(plainText));
  }

  ByteBuffer sketchBuffer() {
    return ByteBuffer.wrap(wordSketch);
  }
}
