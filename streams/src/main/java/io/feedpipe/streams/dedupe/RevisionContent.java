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
    // The same hashes as ContentHash.of(title, text) and Sha256.hex(text), with the text encoded once,
    // and those bytes kept on the thread for the CleanPost's serializer (Utf8Forms): it encoded the text again.
    byte[] text = Sha256.utf8(plainText);
    return new RevisionContent(plainTitle, Sha256.hex(Sha256.utf8(plainTitle), text), Sha256.hex(text), WordSketch.of(plainText));
  }

  ByteBuffer sketchBuffer() {
    return ByteBuffer.wrap(wordSketch);
  }
}
