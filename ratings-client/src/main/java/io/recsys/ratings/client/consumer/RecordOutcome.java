package io.recsys.ratings.client.consumer;

/**
 * What a {@link ConsumerObserver} is told about a consumed record. A record ends in exactly one
 * final outcome (every one but {@link #HANDLER_FAILED}); a failed handler attempt is reported as it
 * happens, before the retry or the final outcome it leads to.
 */
public enum RecordOutcome {
  /** The handler returned normally (first time or on a retry). */
  HANDLED,
  /**
   * One handler attempt threw; not final: the record is retried, or recovered with one of the
   * outcomes below.
   */
  HANDLER_FAILED,
  /** Forwarded to the next retry topic, and acknowledged there. */
  SENT_TO_RETRY_TOPIC,
  /**
   * Published to the dead-letter topic and acknowledged (invalid, malformed or failed for good).
   */
  DEAD_LETTERED,
  /** The handler failed for good and the failure policy skipped it (logged at WARN). */
  SKIPPED,
  /** An invalid or malformed record dropped because no dead-letter topic is set (logged). */
  DROPPED,
  /** The handler failed for good and the failure policy stopped the consumer on it. */
  STOPPED
}
