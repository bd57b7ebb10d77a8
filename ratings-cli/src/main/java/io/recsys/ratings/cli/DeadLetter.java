package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of a dead-letter topic as the dlq commands see it: where it is, its time, and the
 * headers the consumer added when it dead-lettered it (each null if absent).
 *
 * @param replayCount the {@link DeadLetterHeaders#REPLAY_COUNT} header: 0 if absent, -1 if it is
 *     not a number
 */
record DeadLetter(
    ConsumerRecord<byte[], byte[]> record,
    String kind,
    String reason,
    String exception,
    String sourceTopic,
    String sourcePartition,
    String sourceOffset,
    int replayCount) {

  /** Every header the SDK writes starts with this; a replay drops them all (then adds its own). */
  static final String SDK_HEADER_PREFIX = "ratings.";

  static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
    return new DeadLetter(
        record,
        header(record, DeadLetterHeaders.KIND),
        header(record, DeadLetterHeaders.REASON),
        header(record, DeadLetterHeaders.EXCEPTION),
        header(record, DeadLetterHeaders.SOURCE_TOPIC),
        header(record, DeadLetterHeaders.SOURCE_PARTITION),
        header(record, DeadLetterHeaders.SOURCE_OFFSET),
        replayCount(header(record, DeadLetterHeaders.REPLAY_COUNT)));
  }

  static String header(ConsumerRecord<?, ?> record, String key) {
    Header h = record.headers().lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static int replayCount(String text) {
    if (text == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(text.strip());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  int partition() {
    return record.partition();
  }

  long offset() {
    return record.offset();
  }

  long timestamp() {
    return record.timestamp();
  }

  /** {@code topic-partition@offset} of this dead letter. */
  String where() {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  /** {@code topic-partition@offset} the record was consumed from, or "-" if not recorded. */
  String source() {
    if (sourceTopic == null) {
      return "-";
    }
    return sourceTopic
        + (sourcePartition == null ? "" : "-" + sourcePartition)
        + (sourceOffset == null ? "" : "@" + sourceOffset);
  }

  /** The value as text for a human: UTF-8 (invalid bytes replaced), controls escaped, cut. */
  String valuePreview(int maxChars) {
    return preview(record.value(), maxChars);
  }

  String keyPreview(int maxChars) {
    return preview(record.key(), maxChars);
  }

  static String preview(byte[] bytes, int maxChars) {
    if (bytes == null) {
      return "null";
    }
    String text =
        new String(bytes, 0, Math.min(bytes.length, maxChars * 4), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
    for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= maxChars || bytes.length > maxChars * 4) {
      out.append("... (").append(bytes.length).append(" bytes)");
    }
    return out.toString();
  }
}
