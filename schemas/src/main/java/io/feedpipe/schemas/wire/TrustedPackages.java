package io.feedpipe.schemas.wire;

/**
 * Avro 1.12.2 refuses to instantiate classes outside packages it trusts while decoding (a defence
 * against deserialization gadgets). Our generated records live in {@code io.feedpipe.schemas}; we
 * add that package to the system property Avro reads, keeping whatever the user already trusts.
 */
final class TrustedPackages {
  static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
  static final String OURS = "io.feedpipe.schemas";

  private TrustedPackages() {}

  static synchronized void ensureTrusted() {
    String current = System.getProperty(PROPERTY);
    if (current == null || current.isBlank()) {
      System.setProperty(PROPERTY, OURS);
    } else if (!(("," + current + ",").contains("," + OURS + ","))) {
      System.setProperty(PROPERTY, current + "," + OURS);
    }
  }
}
