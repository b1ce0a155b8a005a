package io.feedpipe.streams.dedupe;

import io.feedpipe.streams.wire.Utf8Forms;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over strings joined with a separator that cannot occur in them, as lowercase hex. */
final class Sha256 {
  private static final char SEPARATOR = '\u0000';

  private Sha256() {}

  static String hex(String... parts) {
    byte[][] encoded = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      encoded[i] = parts[i] == null ? null : utf8(parts[i]);
    }
    return hex(encoded);
  }

  /**
   * {@link #hex(String...)} over parts already encoded with {@link #utf8}: a caller hashing the same
   * long text twice (a post's content hash and its text hash) encodes it once.
   */
  static String hex(byte[]... utf8Parts) {
    MessageDigest digest = newDigest();
    for (int i = 0; i < utf8Parts.length; i++) {
      if (i > 0) {
        digest.update((byte) SEPARATOR);
      }
      if (utf8Parts[i] != null) {
        digest.update(utf8Parts[i]);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * {@code s} in UTF-8, as kept on this thread when it was decoded or encoded before ({@link
   * Utf8Forms}): the stream thread encoded each long string of a post two or three times. The caller
   * only reads the array.
   */
  static byte[] utf8(String s) {
    return Utf8Forms.encode(s);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
