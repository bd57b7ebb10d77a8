package io.recsys.ratings.client.consumer;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * WARN lines that cannot flood a log: at most {@code burst} per window; the number of lines held
 * back is logged with the next line that gets through. Used by one thread.
 */
final class RateLimitedWarn {
  private final Logger log;
  private final int burst;
  private final long windowNanos;
  private long windowStart = System.nanoTime();
  private int inWindow;
  private long suppressed;

  RateLimitedWarn(Logger log, int burst, long window, TimeUnit unit) {
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
  void warn(String format, Object... args) {
    long now = System.nanoTime();
    if (now - windowStart >= windowNanos) {
      if (suppressed > 0) {
        log.warn(
            "{} similar warning(s) were not logged in the last {} s",
            suppressed,
            TimeUnit.NANOSECONDS.toSeconds(now - windowStart));
      }
      windowStart = now;
      inWindow = 0;
      suppressed = 0;
    }
    if (inWindow < burst) {
      inWindow++;
      log.warn(format, args);
    } else {
      suppressed++;
    }
  }
}
