package io.recsys.ratings.client.consumer;

/**
 * The headers a {@link RatingConsumer} adds to each record it publishes to the dead-letter topic or
 * to a retry topic ({@link FailurePolicy.Builder#retryTopics}). The record keeps the original key,
 * value and headers (user headers such as trace context are carried over); these are added
 * (replacing earlier values of the same names). Every value is UTF-8 text.
 *
 * <p>The source headers always name the record's original coordinates: a record that went through
 * retry topics keeps the topic, partition, offset and timestamp it was first consumed at.
 *
 * <p><b>Reduced form.</b> A record too large to publish as it is (larger than the dead-letter
 * producer's {@code max.request.size}, or refused by the broker as too large) is dead-lettered in a
 * reduced form, so that the consumer can go past it: the value is cut to its first {@value
 * #TRUNCATED_VALUE_BYTES} bytes, the key to its first {@value #TRUNCATED_KEY_BYTES} bytes, the
 * original headers are dropped if together they exceed {@value #TRUNCATED_HEADERS_BYTES} bytes, and
 * {@link #TRUNCATED}, {@link #SOURCE_VALUE_SIZE}, {@link #SOURCE_VALUE_SHA256} and {@link
 * #SOURCE_KEY_SIZE} are added.
 */
public final class DeadLetterHeaders {

  /** The default dead-letter topic. */
  public static final String DEFAULT_TOPIC = "ratings.dlq";

  /**
   * Why the record was dead-lettered: {@code INVALID}, {@code MALFORMED} or {@code
   * PROCESSING_ERROR} (always PROCESSING_ERROR on a retry topic).
   */
  public static final String KIND = "ratings.error.kind";

  /**
   * A human-readable reason: the violations (INVALID), the decoder's reason (MALFORMED), or the
   * exception class and message (PROCESSING_ERROR); at most {@value #MAX_REASON_LENGTH} characters.
   */
  public static final String REASON = "ratings.error.reason";

  /** For PROCESSING_ERROR only: the class name of the exception the handler threw. */
  public static final String EXCEPTION = "ratings.error.exception";

  /** The topic the record was first consumed from. */
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

  /** The record's timestamp in its source topic, epoch milliseconds in decimal (if it had one). */
  public static final String SOURCE_TIMESTAMP = "ratings.source.timestamp";

  /**
   * PROCESSING_ERROR only: how many times the handler was called for the record so far, over the
   * retries in place and the retry topics, in decimal.
   */
  public static final String ATTEMPTS = "ratings.error.attempts";

  /**
   * PROCESSING_ERROR only: when the handler first failed on the record, epoch milliseconds in
   * decimal.
   */
  public static final String FIRST_FAILURE_TIME = "ratings.error.first-failure-time";

  /**
   * Reduced form only: {@code true}; the value (and maybe the key) is a cut head of the original.
   */
  public static final String TRUNCATED = "ratings.truncated";

  /** Reduced form only: the original value's size in bytes, in decimal. */
  public static final String SOURCE_VALUE_SIZE = "ratings.source.value-size";

  /** Reduced form only: the SHA-256 of the whole original value, 64 lower-case hex digits. */
  public static final String SOURCE_VALUE_SHA256 = "ratings.source.value-sha256";

  /** Reduced form only: the original key's size in bytes, in decimal ({@code -1}: no key). */
  public static final String SOURCE_KEY_SIZE = "ratings.source.key-size";

  /** Reduced form: how many bytes of the value are kept (64 KiB). */
  public static final int TRUNCATED_VALUE_BYTES = 65_536;

  /** Reduced form: how many bytes of the key are kept (16 KiB). */
  public static final int TRUNCATED_KEY_BYTES = 16_384;

  /** Reduced form: the original headers are kept only if together at most this size (16 KiB). */
  public static final int TRUNCATED_HEADERS_BYTES = 16_384;

  /** The longest reason text; longer reasons are cut and end with {@code "..."}. */
  public static final int MAX_REASON_LENGTH = 1000;

  private DeadLetterHeaders() {}
}
