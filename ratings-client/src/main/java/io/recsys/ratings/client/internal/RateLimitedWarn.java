package io.recsys.ratings.client.internal;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * WARN lines that cannot flood a log, the one rule every component of the client uses for failures
 * and skipped records: at most {@code burst} lines per window; the number of lines held back is
 * logged once the window is over, with the next line. Safe to call from any thread.
 */
public final class RateLimitedWarn {
  private final Logger log;
  private final int burst;
  private final long windowNanos;
  private long windowStart = System.nanoTime();
  private int inWindow;
  private long suppressed;

  /**
   * @param log where the lines go
   * @param burst the most lines per window, 1 or more
   * @param window the window's length, more than 0
   * @param unit the unit of {@code window}
   * @throws IllegalArgumentException if {@code burst} or {@code window} is not positive
   */
  public RateLimitedWarn(Logger log, int burst, long window, TimeUnit unit) {
    if (burst < 1 || window < 1) {
      throw new IllegalArgumentException(
          "burst and window must be >= 1 but were " + burst + " and " + window);
    }
    this.log = log;
    this.burst = burst;
    this.windowNanos = unit.toNanos(window);
  }

  /**
   * Logs at WARN unless {@code burst} lines were logged in the current window.
   *
   * @param format an slf4j format
   * @param args its arguments
   */
  public void warn(String format, Object... args) {
    long held = 0;
    long windowSeconds = 0;
    boolean log;
    synchronized (this) {
      long now = System.nanoTime();
      if (now - windowStart >= windowNanos) {
        held = suppressed;
        windowSeconds = TimeUnit.NANOSECONDS.toSeconds(now - windowStart);
        windowStart = now;
        inWindow = 0;
        suppressed = 0;
      }
      log = inWindow < burst;
      if (log) {
        inWindow++;
      } else {
        suppressed++;
      }
    }
    if (held > 0) {
      this.log.warn("{} similar warning(s) were not logged in the last {} s", held, windowSeconds);
    }
    if (log) {
      this.log.warn(format, args);
    }
  }
}
