package io.feedpipe.producer.fetch;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects a response body into a byte array, cancelling the download as soon as it exceeds a
 * limit: a huge or endless body costs at most {@code limit} bytes of memory and transfer.
 *
 * <p>The chunks are copied once, straight into one array: sized by the Content-Length when the
 * server gives one (up to 1 MB; beyond, and without one, the array grows by doubling). A body that turns out
 * longer or shorter than declared is still read whole (and the array trimmed).
 */
final class LimitedBodySubscriber implements BodySubscriber<byte[]> {
  private static final long PRESIZE_CAP = 1024 * 1024;

  private final long limit;
  private final String what;
  private final long declaredLength;
  private final AtomicLong lastActivityNanos;
  private final BytesInFlight.Reservation reservation; // null: no shared budget
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private byte[] collected;
  private Flow.Subscription subscription;
  private long received;
  private int size; // bytes in collected

  /**
   * @param what names the body in the error
   * @param declaredLength the Content-Length, -1 when unknown; when above the limit the body is
   *     refused before its first byte
   */
  LimitedBodySubscriber(long limit, String what, long declaredLength) {
    this(limit, what, declaredLength, new AtomicLong());
  }

  /** @param lastActivityNanos set to {@link System#nanoTime()} on every chunk: the fetch's read timeout watches it */
  LimitedBodySubscriber(long limit, String what, long declaredLength, AtomicLong lastActivityNanos) {
    this(limit, what, declaredLength, lastActivityNanos, null);
  }

  /**
   * @param reservation this fetch's share of the bytes all fetches may hold; every chunk is taken
   *     from it before it is kept. The caller closes it once the body is no longer needed
   */
  LimitedBodySubscriber(long limit, String what, long declaredLength, AtomicLong lastActivityNanos, BytesInFlight.Reservation reservation) {
    this.limit = limit;
    this.what = what;
    this.declaredLength = declaredLength;
    this.lastActivityNanos = lastActivityNanos;
    this.reservation = reservation;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredLength > limit) {
      subscription.cancel();
      result.completeExceptionally(LimitedBytes.tooLarge(what + " (Content-Length " + declaredLength + ")", limit));
      return;
    }
    // Presized by the Content-Length, up to PRESIZE_CAP: a header alone (before any byte, outside
    // the bytes-in-flight budget) never makes us hold more than that.
    collected = new byte[declaredLength > 0 ? (int) Math.min(declaredLength, PRESIZE_CAP) : 8192];
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    lastActivityNanos.set(System.nanoTime());
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      received += buffer.remaining();
      if (received > limit) {
        subscription.cancel();
        result.completeExceptionally(LimitedBytes.tooLarge(what, limit));
        return;
      }
      if (reservation != null) {
        try {
          reservation.grow(buffer.remaining()); // may wait (bounded) for other fetches to end
        } catch (BytesInFlightException e) {
          subscription.cancel();
          result.completeExceptionally(e);
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          subscription.cancel();
          result.completeExceptionally(e);
          return;
        }
        lastActivityNanos.set(System.nanoTime()); // the wait was ours, not the server's
      }
      int n = buffer.remaining();
      if (size + n > collected.length) {
        // received <= limit, so the body fits an array whenever the limit does (it is an int here)
        collected = Arrays.copyOf(collected, (int) Math.min(Math.max((long) collected.length * 2, (long) size + n), Integer.MAX_VALUE - 8));
      }
      buffer.get(collected, size, n);
      size += n;
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    byte[] body = collected == null ? new byte[0] : collected;
    result.complete(size == body.length ? body : Arrays.copyOf(body, size));
  }
}
