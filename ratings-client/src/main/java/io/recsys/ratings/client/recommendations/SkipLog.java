package io.recsys.ratings.client.recommendations;

import io.recsys.ratings.client.internal.RateLimitedWarn;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;

/**
 * The reader's WARN lines about skipped records and failed calls, so bad data cannot flood a log:
 * at most {@value #BURST} lines per {@value #INTERVAL_SECONDS} s, then how many were held back.
 */
final class SkipLog {

  static final int BURST = 5;
  static final long INTERVAL_SECONDS = 10;

  private final RateLimitedWarn warn;

  SkipLog(Logger log) {
    this.warn = new RateLimitedWarn(log, BURST, INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  /** A skipped record: its coordinates and why (never its value). */
  void skip(ConsumerRecord<?, ?> r, String why) {
    warn.warn(
        "RecommendationReader skipped {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), why);
  }

  /** A failed call the reader retries. */
  void problem(String message) {
    warn.warn("{}", message);
  }
}
