package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What a {@link ConsumerObserver} is told, on Kafka's MockConsumer and MockProducer. */
class ConsumerObserverTest {
  private static final TopicPartition P0 = new TopicPartition("ratings", 0);
  private static final RatingCodec CODEC = RatingCodec.defaults();

  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> handlerNanos = Collections.synchronizedList(new ArrayList<>());
  private final List<List<PartitionProgress>> progress =
      Collections.synchronizedList(new ArrayList<>());

  private final ConsumerObserver observer =
      new ConsumerObserver() {
        @Override
        public void onRecord(
            String topic, int partition, RecordOutcome outcome, RecordKind kind, long nanos) {
          seen.add(topic + "-" + partition + " " + outcome + " " + kind);
          if (outcome == RecordOutcome.HANDLED || outcome == RecordOutcome.HANDLER_FAILED) {
            handlerNanos.add(nanos);
          } else {
            assertThat(nanos).isEqualTo(-1);
          }
        }

        @Override
        public void onPartitions(List<PartitionProgress> partitions) {
          progress.add(partitions);
        }
      };

  /** Offsets 0..3: user 1 (valid), user 2 (valid, its handler fails), malformed, user 3. */
  private void records() {
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.updateBeginningOffsets(Map.of(P0, 0L));
          consumer.updateEndOffsets(Map.of(P0, 4L));
        });
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(record(0, CODEC.encode(new RatingEvent(1, 1, 4.0, 1L))));
          consumer.addRecord(record(1, CODEC.encode(new RatingEvent(2, 1, 4.0, 1L))));
          consumer.addRecord(record(2, "{oops".getBytes(StandardCharsets.UTF_8)));
          consumer.addRecord(record(3, CODEC.encode(new RatingEvent(3, 1, 4.0, 1L))));
        });
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>("ratings", 0, offset, null, value);
  }

  private RatingConsumerBuilder builder(FailurePolicy policy) {
    return RatingConsumer.builder()
        .groupId("g")
        .observer(observer)
        .failurePolicy(policy)
        .maxMessages(4)
        .idleTimeout(Duration.ofSeconds(30))
        .pollTimeout(Duration.ofMillis(10))
        .handler(
            (e, ctx) -> {
              if (e.userId() == 2) {
                throw new IOException("db down");
              }
            });
  }

  private static FailurePolicy.Builder twoAttempts() {
    return FailurePolicy.builder()
        .maxAttempts(2)
        .backoff(Duration.ofMillis(5), 2, Duration.ofMillis(10));
  }

  @Test
  void deadLetteredRecordsAreReportedAfterEachFailedAttemptWithTheirKind() {
    records();
    MockProducer<byte[], byte[]> dlq =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    ConsumerResult result =
        builder(twoAttempts().build()).deadLetterTopic("ratings.dlq").build(consumer, dlq).run();

    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    assertThat(seen)
        .containsExactly(
            "ratings-0 HANDLED VALID",
            "ratings-0 HANDLER_FAILED PROCESSING_ERROR",
            "ratings-0 HANDLER_FAILED PROCESSING_ERROR",
            "ratings-0 DEAD_LETTERED PROCESSING_ERROR", // the records after it waited, in order
            "ratings-0 DEAD_LETTERED MALFORMED",
            "ratings-0 HANDLED VALID");
    assertThat(handlerNanos).hasSize(4).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1))
        .extracting(PartitionProgress::partition)
        .containsExactly(0);
  }

  @Test
  void withoutADeadLetterTopicBadRecordsAreDroppedAndFailuresSkippedOrStopped() {
    records();
    builder(twoAttempts().recoverer(FailurePolicy.Recoverer.SKIP).build())
        .build(consumer, null)
        .run();
    assertThat(seen)
        .contains("ratings-0 SKIPPED PROCESSING_ERROR", "ratings-0 DROPPED MALFORMED")
        .filteredOn(s -> s.contains("HANDLED"))
        .hasSize(2);
  }

  @Test
  void stopIsReportedAsTheRecordsOutcome() {
    records();
    ConsumerResult result =
        builder(twoAttempts().recoverer(FailurePolicy.Recoverer.STOP).build())
            .build(consumer, null)
            .run();
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.HANDLER_FAILED);
    assertThat(seen).endsWith("ratings-0 STOPPED PROCESSING_ERROR");
  }

  @Test
  void anObserverThatThrowsIsIgnored() {
    records();
    List<String> handled = new ArrayList<>();
    ConsumerResult result =
        RatingConsumer.builder()
            .groupId("g")
            .observer(
                (topic, partition, outcome, kind, nanos) -> {
                  throw new IllegalStateException("observer bug");
                })
            .maxMessages(3)
            .idleTimeout(Duration.ofSeconds(30))
            .pollTimeout(Duration.ofMillis(10))
            .handler((e, ctx) -> handled.add("u" + e.userId()))
            .build(consumer, null)
            .run();
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    assertThat(handled).containsExactly("u1", "u2");
  }
}
