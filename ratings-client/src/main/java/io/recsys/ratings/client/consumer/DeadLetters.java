package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.internal.TraceHeaders;
import io.recsys.ratings.schema.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter and retry-topic records: original key, value and headers, plus the headers of
 * {@link DeadLetterHeaders}; in the reduced form for a record too large to publish as it is.
 */
final class DeadLetters {
  /** A record batch's and a record's framing in bytes, more than Kafka needs for one record. */
  private static final int FRAMING_BYTES = 128;

  private DeadLetters() {}

  /**
   * Why a record is published.
   *
   * @param kind INVALID, MALFORMED or PROCESSING_ERROR
   * @param reason the reason text (cut to {@link DeadLetterHeaders#MAX_REASON_LENGTH})
   * @param exceptionClass the handler exception's class name (PROCESSING_ERROR), else null
   * @param attempts handler calls so far (PROCESSING_ERROR), else 0
   * @param firstFailureMs when the handler first failed (PROCESSING_ERROR), else 0
   */
  public record Failure(
      RecordKind kind, String reason, String exceptionClass, int attempts, long firstFailureMs) {

    /**
     * A failure without a handler exception (INVALID, MALFORMED).
     *
     * @param kind the kind
     * @param reason the reason
     * @return the failure
     */
    public static Failure of(RecordKind kind, String reason) {
      return new Failure(kind, reason, null, 0, 0);
    }
  }

  /**
   * The dead-letter record for a consumed record (no retry topics involved).
   *
   * @param dlqTopic the dead-letter topic
   * @param source the consumed record (key and value as {@link RecordBytes#of} reads them)
   * @param kind why (INVALID, MALFORMED or PROCESSING_ERROR)
   * @param reason the reason text (cut to {@link DeadLetterHeaders#MAX_REASON_LENGTH})
   * @param exception the handler's exception for PROCESSING_ERROR, else null
   * @return the record to produce
   */
  public static ProducerRecord<byte[], byte[]> record(
      String dlqTopic,
      ConsumerRecord<?, ?> source,
      RecordKind kind,
      String reason,
      Throwable exception) {
    return record(
        dlqTopic,
        source,
        new Failure(kind, reason, exception == null ? null : exception.getClass().getName(), 0, 0),
        false,
        false,
        false);
  }

  /**
   * A record for the dead-letter topic or a retry topic.
   *
   * @param target the topic to publish to
   * @param source the consumed record
   * @param failure why
   * @param sourceIsRetryTopic whether {@code source} was read from a retry topic (its source
   *     headers then name the original coordinates, which are kept)
   * @param toRetryTopic whether {@code target} is a retry topic (the record is then timestamped
   *     when it is sent, so that its delay counts from then)
   * @param reduced whether to build the reduced form
   * @return the record to produce
   */
  public static ProducerRecord<byte[], byte[]> record(
      String target,
      ConsumerRecord<?, ?> source,
      Failure failure,
      boolean sourceIsRetryTopic,
      boolean toRetryTopic,
      boolean reduced) {
    String topic = source.topic();
    String partition = Integer.toString(source.partition());
    String offset = Long.toString(source.offset());
    String timestamp = source.timestamp() >= 0 ? Long.toString(source.timestamp()) : null;
    if (sourceIsRetryTopic && source.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC) != null) {
      topic = text(source, DeadLetterHeaders.SOURCE_TOPIC);
      partition = orElse(text(source, DeadLetterHeaders.SOURCE_PARTITION), partition);
      offset = orElse(text(source, DeadLetterHeaders.SOURCE_OFFSET), offset);
      timestamp = text(source, DeadLetterHeaders.SOURCE_TIMESTAMP);
    }
    byte[] key = RecordBytes.of(source.key());
    byte[] value = RecordBytes.of(source.value());
    RecordHeaders headers = new RecordHeaders();
    boolean keepUserHeaders =
        !reduced || userHeaderBytes(source) <= DeadLetterHeaders.TRUNCATED_HEADERS_BYTES;
    for (Header h : source.headers()) {
      // the trace context is kept even where other user headers are too large to keep
      if (!isOurs(h.key()) && (keepUserHeaders || TraceHeaders.isTraceHeader(h.key()))) {
        headers.add(h);
      }
    }
    add(headers, DeadLetterHeaders.KIND, failure.kind().name());
    add(headers, DeadLetterHeaders.REASON, cut(failure.reason()));
    if (failure.exceptionClass() != null) {
      add(headers, DeadLetterHeaders.EXCEPTION, failure.exceptionClass());
    }
    add(headers, DeadLetterHeaders.SOURCE_TOPIC, topic);
    add(headers, DeadLetterHeaders.SOURCE_PARTITION, partition);
    add(headers, DeadLetterHeaders.SOURCE_OFFSET, offset);
    if (timestamp != null) {
      add(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, timestamp);
    }
    if (failure.attempts() > 0) {
      add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(failure.attempts()));
      add(headers, DeadLetterHeaders.FIRST_FAILURE_TIME, Long.toString(failure.firstFailureMs()));
    }
    if (reduced) {
      add(headers, DeadLetterHeaders.TRUNCATED, "true");
      add(headers, DeadLetterHeaders.SOURCE_VALUE_SIZE, Integer.toString(length(value)));
      add(headers, DeadLetterHeaders.SOURCE_VALUE_SHA256, sha256(value));
      add(
          headers,
          DeadLetterHeaders.SOURCE_KEY_SIZE,
          Integer.toString(key == null ? -1 : key.length));
      value = head(value, DeadLetterHeaders.TRUNCATED_VALUE_BYTES);
      key = head(key, DeadLetterHeaders.TRUNCATED_KEY_BYTES);
    }
    Long ts = null;
    if (!toRetryTopic && timestamp != null) {
      try {
        ts = Long.parseLong(timestamp);
      } catch (NumberFormatException e) {
        ts = null;
      }
    }
    return new ProducerRecord<>(target, null, ts, key, value, headers);
  }

  /**
   * An upper bound of the size Kafka's producer checks against {@code max.request.size} for this
   * record.
   *
   * @param r the record
   * @return bytes
   */
  public static long estimatedSize(ProducerRecord<byte[], byte[]> r) {
    long size = FRAMING_BYTES + length(r.key()) + length(r.value());
    for (Header h : r.headers()) {
      size += h.key().length() * 3L + length(h.value()) + 10;
    }
    return size;
  }

  private static long userHeaderBytes(ConsumerRecord<?, ?> source) {
    long size = 0;
    for (Header h : source.headers()) {
      if (!isOurs(h.key())) {
        size += h.key().length() * 3L + length(h.value());
      }
    }
    return size;
  }

  private static String text(ConsumerRecord<?, ?> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String orElse(String value, String otherwise) {
    return value == null ? otherwise : value;
  }

  private static int length(byte[] b) {
    return b == null ? 0 : b.length;
  }

  private static byte[] head(byte[] b, int max) {
    return b == null || b.length <= max ? b : Arrays.copyOf(b, max);
  }

  /**
   * The SHA-256 of a value in lower-case hex (of no bytes for null).
   *
   * @param value the value, may be null
   * @return 64 hex digits
   */
  public static String sha256(byte[] value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(value == null ? new byte[0] : value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The reason text for violations.
   *
   * @param violations the violations
   * @return e.g. {@code rating RATING_OUT_OF_RANGE: rating 7.0 is above 5.0}
   */
  public static String reason(List<Violation> violations) {
    StringBuilder sb = new StringBuilder();
    for (Violation v : violations) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(v.field()).append(' ').append(v.code()).append(": ").append(v.message());
    }
    return sb.toString();
  }

  /**
   * The reason text for a handler exception.
   *
   * @param e the exception
   * @return its class name and message
   */
  public static String reason(Throwable e) {
    return e.getClass().getName() + ": " + e.getMessage();
  }

  static String cut(String reason) {
    String r = reason == null ? "" : reason;
    int max = DeadLetterHeaders.MAX_REASON_LENGTH;
    return r.length() <= max ? r : r.substring(0, max - 3) + "...";
  }

  private static boolean isOurs(String key) {
    return key.startsWith("ratings.error.")
        || key.startsWith("ratings.source.")
        || key.equals(DeadLetterHeaders.TRUNCATED);
  }

  private static void add(RecordHeaders headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
