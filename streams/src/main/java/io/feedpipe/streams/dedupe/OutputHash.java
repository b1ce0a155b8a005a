package io.feedpipe.streams.dedupe;

/**
 * A hash of a revision as readers see it: title, text and HTML. The content hash (title and text)
 * defines a revision; this one also tells when other cleaning rules would change only the HTML, which
 * reprocessing must notice ({@link ReprocessDecider}).
 */
public final class OutputHash {
  private OutputHash() {}

  public static String of(String title, String text, String html) {
    return Sha256.hex(title, text, html);
  }
}
