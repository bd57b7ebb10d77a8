package io.recsys.ratings.client;

/**
 * The headers a {@link RatingConsumer} adds to each record it publishes to the dead-letter topic.
 * The record keeps the original key, value, timestamp and headers; these are added (replacing
 * earlier values of the same names). Every value is UTF-8 text.
 */
public final class DeadLetterHeaders {

  /** The default dead-letter topic. */
  public static final String DEFAULT_TOPIC = "ratings.dlq";

  /**
   * Why the record was dead-lettered: {@code INVALID}, {@code MALFORMED} or {@code
   * PROCESSING_ERROR}.
   */
  public static final String KIND = "ratings.error.kind";

  /**
   * A human-readable reason: the violations (INVALID), the decoder's reason (MALFORMED), or the
   * exception class and message (PROCESSING_ERROR); at most {@value #MAX_REASON_LENGTH} characters.
   */
  public static final String REASON = "ratings.error.reason";

  /** For PROCESSING_ERROR only: the class name of the exception the handler threw. */
  public static final String EXCEPTION = "ratings.error.exception";

  /** The topic the record was consumed from. */
  public static final String SOURCE_TOPIC = "ratings.source.topic";

  /** The partition the record was consumed from, in decimal. */
  public static final String SOURCE_PARTITION = "ratings.source.partition";

  /** The offset of the record in its source partition, in decimal. */
  public static final String SOURCE_OFFSET = "ratings.source.offset";

  /**
   * How many times the record was sent back from a dead-letter topic by {@code ratings dlq replay},
   * in decimal; absent if never. The replay sets it to one more than the dead letter carried, and
   * refuses a dead letter whose count reached its limit, so a record that keeps failing cannot loop
   * between its topic and the dead-letter topic forever. A record dead-lettered again keeps it.
   */
  public static final String REPLAY_COUNT = "ratings.replay.count";

  /** The longest reason text; longer reasons are cut and end with {@code "..."}. */
  public static final int MAX_REASON_LENGTH = 1000;

  private DeadLetterHeaders() {}
}
