package io.feedpipe.streams.dedupe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over strings joined with a separator that cannot occur in them, as lowercase hex. */
final class Sha256 {
  private static final char SEPARATOR = '\u0000';

  private Sha256() {}

  static String hex(String... parts) {
    MessageDigest digest = newDigest();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        digest.update((byte) SEPARATOR);
      }
      if (parts[i] != null) {
        digest.update(parts[i].getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
