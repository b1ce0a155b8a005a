package io.feedpipe.bench.memory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts the dedupe processor's sweeps as it logs them ({@code dedupe store: forgot N post ids not
 * seen for …}, one line per store instance whose sweep forgot something), and keeps those lines off
 * the terminal while installed: a run sweeps dozens of times and the progress line sums them up.
 * Evidence only; the bounds are checked on the store itself.
 */
public final class SweepLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  /** The processor's logger (io.feedpipe.streams.topology.DedupeCleanProcessor is package-private). */
  static final String LOGGER = "io.feedpipe.streams.topology.DedupeCleanProcessor";
  static final String MESSAGE_PREFIX = "dedupe store: forgot";

  private final AtomicLong sweeps = new AtomicLong();
  private final AtomicLong forgotten = new AtomicLong();
  private Logger logger;
  private Level previousLevel;
  private boolean previousAdditive;

  /** Attaches to the processor's logger. */
  public static SweepLog install() {
    SweepLog log = new SweepLog();
    Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
    log.setContext(logger.getLoggerContext());
    log.setName("bench-memory-sweeps");
    log.start();
    log.logger = logger;
    log.previousLevel = logger.getLevel();
    log.previousAdditive = logger.isAdditive();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(log);
    return log;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getMessage();
    Object[] args = event.getArgumentArray();
    if (message != null && message.startsWith(MESSAGE_PREFIX) && args != null && args.length > 0 && args[0] instanceof Number n) {
      sweeps.incrementAndGet();
      forgotten.addAndGet(n.longValue());
    }
  }

  public long sweeps() {
    return sweeps.get();
  }

  public long forgotten() {
    return forgotten.get();
  }

  @Override
  public void close() {
    if (logger != null) {
      logger.detachAppender(this);
      logger.setLevel(previousLevel);
      logger.setAdditive(previousAdditive);
    }
    stop();
  }
}
