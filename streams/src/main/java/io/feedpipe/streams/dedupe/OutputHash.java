package io.feedpipe.streams.dedupe;

/**
 * A hash of a revision's HTML as written. The content hash (title and text) defines a revision;
 * this one also tells when other cleaning rules would change only the HTML, which reprocessing must
 * notice ({@link ReprocessDecider}). Title and text are left out: the content hash covers them, and
 * hashing them again would cost every written revision a pass over its text.
 */
public final class OutputHash {
  private OutputHash() {}

  public static String of(String html) {
    // The HTML's UTF-8 form stays kept on the thread for the CleanPost's serializer, which encoded it again (Utf8Forms).
    return Sha256.hex(html);
  }
}
