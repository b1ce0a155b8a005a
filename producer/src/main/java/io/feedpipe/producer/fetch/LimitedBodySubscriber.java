package io.feedpipe.producer.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects a response body into a byte array, cancelling the download as soon as it exceeds a
 * limit: a huge or endless body costs at most {@code limit} bytes of memory and transfer.
 */
final class LimitedBodySubscriber implements BodySubscriber<byte[]> {
  private final long limit;
  private final String what;
  private final long declaredLength;
  private final AtomicLong lastActivityNanos;
  private final BytesInFlight.Reservation reservation; // null: no shared budget
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
  private Flow.Subscription subscription;
  private long received;

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
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      collected.write(chunk, 0, chunk.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(collected.toByteArray());
  }
}
