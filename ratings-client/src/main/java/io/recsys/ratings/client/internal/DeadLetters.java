package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.DeadLetterHeaders;
import io.recsys.ratings.client.RecordClass;
import io.recsys.ratings.schema.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds dead-letter records: original key, value, timestamp and headers, plus error headers. */
public final class DeadLetters {
  private DeadLetters() {}

  /**
   * The dead-letter record for a consumed record.
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
      RecordClass kind,
      String reason,
      Throwable exception) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : source.headers()) {
      if (!isOurs(h.key())) {
        headers.add(h);
      }
    }
    headers.add(DeadLetterHeaders.KIND, utf8(kind.name()));
    headers.add(DeadLetterHeaders.REASON, utf8(cut(reason)));
    if (exception != null) {
      headers.add(DeadLetterHeaders.EXCEPTION, utf8(exception.getClass().getName()));
    }
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(source.topic()));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    long ts = source.timestamp();
    return new ProducerRecord<>(
        dlqTopic,
        null,
        ts >= 0 ? ts : null,
        RecordBytes.of(source.key()),
        RecordBytes.of(source.value()),
        headers);
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
    return key.equals(DeadLetterHeaders.KIND)
        || key.equals(DeadLetterHeaders.REASON)
        || key.equals(DeadLetterHeaders.EXCEPTION)
        || key.equals(DeadLetterHeaders.SOURCE_TOPIC)
        || key.equals(DeadLetterHeaders.SOURCE_PARTITION)
        || key.equals(DeadLetterHeaders.SOURCE_OFFSET);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
