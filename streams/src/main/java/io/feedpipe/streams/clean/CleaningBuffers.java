package io.feedpipe.streams.clean;

/**
 * The working arrays of a cleaning traversal, kept per thread and reused from entry to entry.
 *
 * <p>Why: a post's text and HTML each need an array about the size of the post, and allocating and
 * zeroing those on every call cost a tenth of a parse. A Kafka Streams stage calls the cleaner from
 * a handful of long-lived threads, so one set per thread is all it takes. Arrays that grew past
 * {@link #RETAINED_CHARS} for an exceptional entry are dropped afterwards rather than kept.
 */
final class CleaningBuffers {

  /** 1 M chars (2 MB) per array: far above any normal post, small next to a Streams heap. */
  static final int RETAINED_CHARS = 1 << 20;

  private static final int INITIAL_CHARS = 16 * 1024;

  private static final ThreadLocal<CleaningBuffers> PER_THREAD =
      ThreadLocal.withInitial(() -> new CleaningBuffers(INITIAL_CHARS));

  final CharSink text;
  final CharSink html;
  private char[] scratch;
  private boolean inUse;

  CleaningBuffers(int initialChars) {
    text = new CharSink(initialChars);
    html = new CharSink(initialChars);
    scratch = new char[Math.min(initialChars, 4096)];
  }

  /**
   * This thread's buffers, emptied; a fresh set if they are already in use further up the stack
   * (nothing does that today, but reuse must never hand out the same arrays twice).
   */
  static CleaningBuffers acquire() {
    CleaningBuffers buffers = PER_THREAD.get();
    if (buffers.inUse) {
      return new CleaningBuffers(1024);
    }
    buffers.inUse = true;
    buffers.text.clear();
    buffers.html.clear();
    return buffers;
  }

  /** Gives the buffers back once the results have been copied out of them. */
  void release() {
    inUse = false;
    if (text.capacity() > RETAINED_CHARS
        || html.capacity() > RETAINED_CHARS
        || scratch.length > RETAINED_CHARS) {
      if (PER_THREAD.get() == this) {
        PER_THREAD.remove();
      }
    }
  }

  /** A scratch array of at least {@code length} chars; its content is not kept. */
  char[] scratch(int length) {
    if (length > scratch.length) {
      scratch = new char[Math.max(length, scratch.length * 2)];
    }
    return scratch;
  }
}
