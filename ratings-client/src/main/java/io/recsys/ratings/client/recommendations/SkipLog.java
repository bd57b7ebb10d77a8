package io.recsys.ratings.client.recommendations;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;

/**
 * The reader's WARN lines about skipped records and failed calls, so bad data cannot flood a log:
 * the first {@value #FIRST} lines go out as they come, then at most one per {@value
 * #INTERVAL_SECONDS} s, saying how many were held back. Used by the reader thread only.
 */
final class SkipLog {

  static final int FIRST = 5;
  static final long INTERVAL_SECONDS = 10;

  private final Logger log;
  private long logged;
  private long heldBack;
  private long nextAllowed;

  SkipLog(Logger log) {
    this.log = log;
  }

  /** A skipped record: its coordinates and why (never its value). */
  void skip(ConsumerRecord<?, ?> r, String why) {
    warn(
        "RecommendationReader skipped "
            + r.topic()
            + "-"
            + r.partition()
            + "@"
            + r.offset()
            + ": "
            + why);
  }

  /** A failed call the reader retries. */
  void problem(String message) {
    warn(message);
  }

  private void warn(String line) {
    long now = System.nanoTime();
    if (logged >= FIRST && now - nextAllowed < 0) {
      heldBack++;
      return;
    }
    logged++;
    nextAllowed = now + TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
    if (heldBack > 0) {
      log.warn("{} ({} similar line(s) held back)", line, heldBack);
      heldBack = 0;
    } else {
      log.warn("{}", line);
    }
  }
}
