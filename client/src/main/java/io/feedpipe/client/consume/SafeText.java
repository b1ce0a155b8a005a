package io.feedpipe.client.consume;

/**
 * Text that any store accepts, for writing a rejected record and its reason: the reason of a
 * reject often quotes the very value that was refused, and a reject that fails the same way would
 * stall the consumer again. Pure.
 */
public final class SafeText {
  private SafeText() {}

  /**
   * {@code text} without NUL characters (PostgreSQL text refuses them) and without unpaired UTF-16
   * surrogates (they have no UTF-8 encoding), each replaced by U+FFFD, cut to at most {@code
   * maxChars} characters (never between the two halves of a pair) with a note of the cut.
   */
  public static String of(String text, int maxChars) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 32);
    int i = 0;
    while (i < text.length() && out.length() < maxChars) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out.length() + 2 > maxChars) {
          break;
        }
        out.append(c).append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      out.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
      i++;
    }
    if (i < text.length()) {
      out.append("… [cut, ").append(text.length()).append(" chars in all]");
    }
    return out.toString();
  }
}
