package io.feedpipe.web.feed;

import java.util.regex.Pattern;

/** Text made legal in XML 1.0: characters it cannot hold (most C0 controls, lone surrogates, U+FFFE/F) are dropped. */
final class XmlText {
  private static final Pattern ILLEGAL = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

  private XmlText() {}

  static String legal(String text) {
    return text == null ? null : ILLEGAL.matcher(text).replaceAll("");
  }
}
