package io.feedpipe.streams.dedupe;

/**
 * What makes a new revision: the cleaned title and text, nothing else. Markup noise, tracking
 * parameters and fetch metadata do not change the cleaned text, so they are not edits.
 */
public final class ContentHash {
  private ContentHash() {}

  public static String of(String plainTitle, String plainText) {
    return Sha256.hex(plainTitle, plainText);
  }
}
