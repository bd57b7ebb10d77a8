package io.recsys.ratings.client.consumer;

/**
 * What became of a consumed record: exactly one of these. Only {@link #VALID} records reach the
 * handler successfully; the others are counted and, with a dead-letter topic, published there
 * (their name is the value of the {@link DeadLetterHeaders#KIND} header). A null value (tombstone)
 * is {@link #MALFORMED}.
 */
public enum RecordKind {
  /** Decoded, valid, and the handler returned normally. */
  VALID,
  /** Decoded, but failed validation (never given to the handler). */
  INVALID,
  /** Not a rating event at all: not JSON, wrong fields or types, empty or null value. */
  MALFORMED,
  /**
   * Valid, but the handler failed for good (after the retries of the {@link FailurePolicy}): the
   * record was dead-lettered, sent to a retry topic or skipped.
   */
  PROCESSING_ERROR
}
