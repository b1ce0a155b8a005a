package io.feedpipe.producer.fetch;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A budget of response bytes held by all fetches together ({@code producer.max-bytes-in-flight}).
 * Each body is limited on its own by {@code max-body-size}, but 16 concurrent fetches of 15 MB are
 * 240 MB; this bounds their sum. A fetch takes bytes as it reads them ({@link Reservation#grow})
 * and gives them all back when it ends ({@link Reservation#close}). When the budget is exhausted,
 * the fetch waits — reading no further, so TCP slows the sender down — at most {@code maxWait}
 * for others to finish, then fails. A fetch never waits for itself: a body that would need more
 * than the whole budget fails at once. Thread-safe.
 */
public final class BytesInFlight {
  private final long capacity;
  private final Duration maxWait;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private long used; // guarded by lock

  /**
   * @param capacity bytes all fetches together may hold
   * @param maxWait how long one fetch waits for room before it fails
   */
  public BytesInFlight(long capacity, Duration maxWait) {
    if (capacity < 1) {
      throw new IllegalArgumentException("max-bytes-in-flight must be at least 1 byte, was " + capacity);
    }
    this.capacity = capacity;
    this.maxWait = maxWait;
  }

  public long capacity() {
    return capacity;
  }

  /** Bytes held now by all fetches together. */
  public long used() {
    lock.lock();
    try {
      return used;
    } finally {
      lock.unlock();
    }
  }

  /** Fetches waiting for room now (for tests). */
  int waiting() {
    lock.lock();
    try {
      return lock.getWaitQueueLength(released);
    } finally {
      lock.unlock();
    }
  }

  /** A new, empty reservation for one fetch. */
  public Reservation open(String what) {
    return new Reservation(what);
  }

  /** The bytes one fetch holds. Not for sharing between fetches. */
  public final class Reservation implements AutoCloseable {
    private final String what;
    private long held; // guarded by lock
    private boolean closed; // guarded by lock

    private Reservation(String what) {
      this.what = what;
    }

    /**
     * Takes {@code bytes} more, waiting (bounded) for room.
     *
     * @throws BytesInFlightException when this fetch alone would exceed the budget (at once), or
     *     when no room was freed within the wait
     */
    public void grow(long bytes) throws BytesInFlightException, InterruptedException {
      lock.lock();
      try {
        if (closed) {
          throw new BytesInFlightException(what + ": the fetch already ended", false); // a late chunk after a timeout
        }
        if (held + bytes > capacity) {
          throw new BytesInFlightException(what + " is larger than producer.max-bytes-in-flight (" + capacity
              + " bytes), the budget of response bytes all fetches together may hold", true);
        }
        long waitNanos = maxWait.toNanos();
        while (used + bytes > capacity) {
          if (waitNanos <= 0) {
            throw new BytesInFlightException(what + ": no room within producer.max-bytes-in-flight (" + capacity + " bytes) for "
                + maxWait.toMillis() + " ms; concurrent fetches hold " + (used - held) + " bytes", false);
          }
          waitNanos = released.awaitNanos(waitNanos);
          if (closed) {
            // The fetch ended (timed out) while this chunk waited: taking the bytes now would
            // leak them, since close() gives back only what was held when it ran.
            throw new BytesInFlightException(what + ": the fetch already ended", false);
          }
        }
        used += bytes;
        held += bytes;
      } finally {
        lock.unlock();
      }
    }

    public long held() {
      lock.lock();
      try {
        return held;
      } finally {
        lock.unlock();
      }
    }

    /** Gives every byte back. Idempotent. */
    @Override
    public void close() {
      lock.lock();
      try {
        if (!closed) {
          closed = true;
          used -= held;
          held = 0;
          released.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
