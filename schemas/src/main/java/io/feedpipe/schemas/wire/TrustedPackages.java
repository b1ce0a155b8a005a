package io.feedpipe.schemas.wire;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate classes outside the packages it trusts while decoding (a
 * defence against deserialization gadgets). Our generated records live in {@code
 * io.feedpipe.schemas}; we add exactly that package to Avro's global validator, keeping whatever it
 * already trusts. The system property route ({@code org.apache.avro.SERIALIZABLE_PACKAGES}) is read
 * once when Avro initialises, so it is too late by the time our code runs.
 */
final class TrustedPackages {
  static final String OURS = "io.feedpipe.schemas";

  private static boolean installed;

  private TrustedPackages() {}

  static synchronized void ensureTrusted() {
    if (installed) {
      return;
    }
    ClassSecurityValidator.ClassSecurityPredicate ours = type -> OURS.equals(type.getPackageName());
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
    installed = true;
  }
}
