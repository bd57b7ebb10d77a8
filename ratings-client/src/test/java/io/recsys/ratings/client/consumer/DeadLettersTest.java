package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void deadLetterKeepsKeyValueTimestampAndHeadersAndAddsErrorHeaders() {
    RecordHeaders original = new RecordHeaders();
    original.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    original.add(DeadLetterHeaders.KIND, "OLD".getBytes(StandardCharsets.UTF_8));
    ConsumerRecord<byte[], byte[]> source =
        new ConsumerRecord<>(
            "ratings",
            3,
            42L,
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            2,
            5,
            "12".getBytes(StandardCharsets.UTF_8),
            "{bad".getBytes(StandardCharsets.UTF_8),
            original,
            Optional.empty());
    IllegalStateException boom = new IllegalStateException("boom");
    ProducerRecord<byte[], byte[]> dlq =
        DeadLetters.record(
            "ratings.dlq", source, RecordKind.PROCESSING_ERROR, DeadLetters.reason(boom), boom);
    assertThat(dlq.topic()).isEqualTo("ratings.dlq");
    assertThat(dlq.key()).isEqualTo(source.key());
    assertThat(dlq.value()).isEqualTo(source.value());
    assertThat(dlq.timestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(header(dlq, "trace")).isEqualTo("abc");
    assertThat(header(dlq, DeadLetterHeaders.KIND)).isEqualTo("PROCESSING_ERROR");
    assertThat(dlq.headers().headers(DeadLetterHeaders.KIND)).hasSize(1);
    assertThat(header(dlq, DeadLetterHeaders.REASON))
        .isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(header(dlq, DeadLetterHeaders.EXCEPTION))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(header(dlq, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("ratings");
    assertThat(header(dlq, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("3");
    assertThat(header(dlq, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("42");
  }

  @Test
  void retryTopicRecordsAndTheReducedFormKeepTheTraceContext() {
    RecordHeaders original = new RecordHeaders();
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    original.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
    original.add("tracestate", "vendor=1".getBytes(StandardCharsets.UTF_8));
    original.add("big", new byte[DeadLetterHeaders.TRUNCATED_HEADERS_BYTES + 1]);
    ConsumerRecord<byte[], byte[]> source =
        new ConsumerRecord<>(
            "ratings",
            0,
            7L,
            1L,
            TimestampType.CREATE_TIME,
            1,
            1,
            "1".getBytes(StandardCharsets.UTF_8),
            "x".getBytes(StandardCharsets.UTF_8),
            original,
            Optional.empty());
    ProducerRecord<byte[], byte[]> reduced =
        DeadLetters.record(
            "ratings.dlq",
            source,
            DeadLetters.Failure.of(RecordKind.MALFORMED, "too large"),
            false,
            false,
            true);
    assertThat(header(reduced, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
    assertThat(reduced.headers().lastHeader("big")).isNull();
    assertThat(header(reduced, "traceparent")).isEqualTo(traceparent);
    assertThat(header(reduced, "tracestate")).isEqualTo("vendor=1");
    ProducerRecord<byte[], byte[]> retry =
        DeadLetters.record(
            "ratings.retry.1s",
            source,
            new DeadLetters.Failure(
                RecordKind.PROCESSING_ERROR, "db down", "java.io.IOException", 3, 1L),
            false,
            true,
            false);
    assertThat(header(retry, "traceparent")).isEqualTo(traceparent);
  }

  @Test
  void invalidReasonListsEveryViolationAndLongReasonsAreCut() {
    String reason =
        DeadLetters.reason(
            List.of(
                new Violation("rating", Violation.RATING_OUT_OF_RANGE, "rating 7.0 is above 5.0"),
                new Violation("userId", Violation.USER_ID_OUT_OF_RANGE, "userId 0 is below 1")));
    assertThat(reason)
        .isEqualTo(
            "rating RATING_OUT_OF_RANGE: rating 7.0 is above 5.0; "
                + "userId USER_ID_OUT_OF_RANGE: userId 0 is below 1");
    String cut = DeadLetters.cut("x".repeat(5000));
    assertThat(cut).hasSize(DeadLetterHeaders.MAX_REASON_LENGTH).endsWith("...");
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
