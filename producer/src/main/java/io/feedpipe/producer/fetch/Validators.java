package io.feedpipe.producer.fetch;

/**
 * HTTP cache validators of the last fetched version of a feed (RFC 9110 §8.8), sent back as
 * If-None-Match and If-Modified-Since so an unchanged feed costs a 304 and no body.
 *
 * @param etag the ETag header as received (opaque, quotes included); null when absent
 * @param lastModified the Last-Modified header as received (echoed verbatim, never re-formatted,
 *     as RFC 9110 §13.1.3 advises); null when absent
 */
public record Validators(String etag, String lastModified) {
  private static final Validators NONE = new Validators(null, null);

  public static Validators none() {
    return NONE;
  }

  public boolean isEmpty() {
    return etag == null && lastModified == null;
  }
}
