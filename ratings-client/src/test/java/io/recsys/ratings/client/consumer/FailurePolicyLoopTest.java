package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The failure policy in the consumer loop, on Kafka's MockConsumer and MockProducer. Runs on every
 * supported kafka-clients: MockConsumer is built with the constructor that 3.9 and 4.x share.
 */
// MockConsumer(OffsetResetStrategy) and close(Duration), deprecated in 4.x, are what 3.9 has
@SuppressWarnings("deprecation")
class FailurePolicyLoopTest {
  private static final TopicPartition P0 = new TopicPartition("ratings", 0);
  private static final TopicPartition P1 = new TopicPartition("ratings", 1);
  private static final RatingCodec CODEC = RatingCodec.defaults();

  private final Map<TopicPartition, Long> committedAtClose = new ConcurrentHashMap<>();

  /** Keeps the committed offsets when the loop closes it (a closed MockConsumer tells nothing). */
  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
        @Override
        public synchronized void close(CloseOptions options) {
          keepCommitted();
          super.close(options);
        }

        @Override
        public synchronized void close(Duration timeout) { // kafka-clients before 4.1
          keepCommitted();
          super.close(timeout);
        }

        private void keepCommitted() {
          committed(Set.of(P0, P1))
              .forEach((tp, o) -> committedAtClose.put(tp, o == null ? -1L : o.offset()));
        }
      };

  private final MockProducer<byte[], byte[]> dlq =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private static FailurePolicy.Builder fast() {
    return FailurePolicy.builder().backoff(Duration.ofMillis(20), 2, Duration.ofMillis(50));
  }

  /** P0 offsets 0..2 (users 100, 101, 102) and P1 offset 0 (user 200), in one poll. */
  private void fourRecords() {
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0, P1));
          consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
          consumer.updateEndOffsets(Map.of(P0, 3L, P1, 1L));
        });
    consumer.schedulePollTask(
        () -> {
          for (int i = 0; i < 3; i++) {
            consumer.addRecord(record(P0, i, CODEC.encode(event(100 + i))));
          }
          consumer.addRecord(record(P1, 0, CODEC.encode(event(200))));
        });
  }

  private static RatingEvent event(int user) {
    return new RatingEvent(user, 1, 4.0, 1_700_000_000_000L);
  }

  private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, byte[] v) {
    return new ConsumerRecord<>(
        tp.topic(), tp.partition(), offset, "7".getBytes(StandardCharsets.UTF_8), v);
  }

  private RatingConsumer build(RatingConsumerBuilder b) {
    MockConsumer<byte[], byte[]> c = consumer;
    return b.groupId("g").idleTimeout(Duration.ofMillis(300)).build(c, dlq);
  }

  private Map<TopicPartition, Long> committed() {
    return committedAtClose;
  }

  @Test
  void recordFailingTwiceThenSucceedingIsHandledOnceInOrderAndOtherPartitionsFlow() {
    fourRecords();
    List<Integer> handled = new ArrayList<>();
    int[] failuresLeft = {2};
    RatingConsumer rc =
        build(
            RatingConsumer.builder()
                .failurePolicy(fast().build())
                .handler(
                    (e, ctx) -> {
                      if (e.userId() == 101 && failuresLeft[0]-- > 0) {
                        throw new IOException("db down");
                      }
                      handled.add(e.userId());
                    }));
    ConsumerResult result = rc.run();

    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(handled).containsExactlyInAnyOrder(100, 101, 102, 200);
    assertThat(handled.stream().filter(u -> u < 200)).containsExactly(100, 101, 102); // in order
    assertThat(handled.indexOf(200)).isLessThan(handled.indexOf(101)); // P1 did not wait
    ConsumerStats s = result.stats();
    assertThat(s.valid()).isEqualTo(4);
    assertThat(s.processingErrors()).isZero();
    assertThat(s.failures().handlerFailures()).isEqualTo(2);
    assertThat(s.failures().retries()).isEqualTo(2);
    assertThat(s.failures().recoveredAfterRetry()).isEqualTo(1);
    assertThat(committed()).containsEntry(P0, 3L).containsEntry(P1, 1L);
  }

  @Test
  void recordAlwaysFailingWithoutDeadLetterTopicStopsTheConsumerWithoutCommittingIt() {
    fourRecords();
    List<Integer> handled = new ArrayList<>();
    RatingConsumer rc =
        RatingConsumer.builder()
            .groupId("g")
            .failurePolicy(fast().build())
            .handler(
                (e, ctx) -> {
                  if (e.userId() == 101) {
                    throw new IOException("db down");
                  }
                  handled.add(e.userId());
                })
            .build(consumer, null);
    ConsumerResult result = rc.run();

    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.HANDLER_FAILED);
    assertThat(result.isOk()).isFalse();
    FailedRecord failed = result.failedRecord().orElseThrow();
    assertThat(failed.topic()).isEqualTo("ratings");
    assertThat(failed.partition()).isZero();
    assertThat(failed.offset()).isEqualTo(1);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.exceptionClass()).isEqualTo(IOException.class.getName());
    assertThat(failed.reason()).isEqualTo("db down");
    assertThat(result.detail()).contains("ratings-0@1").contains("db down");
    assertThat(handled).contains(100).doesNotContain(102);
    assertThat(result.stats().failures().stopped()).isEqualTo(1);
    assertThat(result.stats().processingErrors()).isZero();
    assertThat(committed().get(P0)).as("nothing past the failed record").isEqualTo(1L);
  }

  @Test
  void notRetryableFailureIsDeadLetteredAtOnceWithItsAttemptsAndFirstFailureTime() {
    fourRecords();
    int[] calls = {0};
    RatingConsumer rc =
        build(
            RatingConsumer.builder()
                .deadLetterTopic()
                .failurePolicy(fast().build())
                .handler(
                    (e, ctx) -> {
                      if (e.userId() == 101) {
                        calls[0]++;
                        throw new IllegalArgumentException("no such movie");
                      }
                    }));
    long before = System.currentTimeMillis();
    ConsumerResult result = rc.run();

    assertThat(calls[0]).isEqualTo(1);
    assertThat(result.stats().processingErrors()).isEqualTo(1);
    assertThat(result.stats().failures().notRetryable()).isEqualTo(1);
    assertThat(result.stats().failures().deadLetteredProcessingError()).isEqualTo(1);
    assertThat(dlq.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> letter = dlq.history().get(0);
    assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
    assertThat(Long.parseLong(header(letter, DeadLetterHeaders.FIRST_FAILURE_TIME)))
        .isBetween(before, System.currentTimeMillis());
    assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(committed()).containsEntry(P0, 3L);
  }

  @Test
  void retryableFailureIsDeadLetteredAfterMaxAttempts() {
    fourRecords();
    int[] calls = {0};
    RatingConsumer rc =
        build(
            RatingConsumer.builder()
                .deadLetterTopic()
                .failurePolicy(fast().maxAttempts(4).build())
                .handler(
                    (e, ctx) -> {
                      if (e.userId() == 101) {
                        calls[0]++;
                        throw new IllegalStateException("still down");
                      }
                    }));
    ConsumerResult result = rc.run();
    assertThat(calls[0]).isEqualTo(4);
    assertThat(result.stats().failures().retries()).isEqualTo(3);
    assertThat(header(dlq.history().get(0), DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
    assertThat(result.stats().valid()).isEqualTo(3);
    assertThat(committed()).containsEntry(P0, 3L);
  }

  @Test
  void skipIsExplicitCountedAndCommitsPastTheRecord() {
    fourRecords();
    RatingConsumer rc =
        build(
            RatingConsumer.builder()
                .failurePolicy(fast().noRetries().recoverer(FailurePolicy.Recoverer.SKIP).build())
                .handler(
                    (e, ctx) -> {
                      if (e.userId() == 101) {
                        throw new IOException("db down");
                      }
                    }));
    ConsumerResult result = rc.run();
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(result.stats().failures().skipped()).isEqualTo(1);
    assertThat(result.stats().processingErrors()).isEqualTo(1);
    assertThat(committed()).containsEntry(P0, 3L);
  }

  @Test
  void closeDuringABackoffCommitsUpToTheWaitingRecordAndReturnsTheSummary() throws Exception {
    fourRecords();
    RatingConsumer rc =
        RatingConsumer.builder()
            .groupId("g")
            .pollTimeout(Duration.ofMillis(20))
            .failurePolicy(
                FailurePolicy.builder()
                    .backoff(Duration.ofMinutes(10), 1, Duration.ofMinutes(10))
                    .build())
            .handler(
                (e, ctx) -> {
                  if (e.userId() == 101) {
                    throw new IOException("db down");
                  }
                })
            .build(consumer, null);
    var running = java.util.concurrent.CompletableFuture.supplyAsync(rc::run);
    while (rc.stats().failures().handlerFailures() < 1 && !running.isDone()) {
      Thread.sleep(5);
    }
    Thread.sleep(100);
    rc.close();
    ConsumerResult result = running.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.STOPPED);
    assertThat(committed()).containsEntry(P0, 1L).containsEntry(P1, 1L);
  }

  @Test
  void recordTooLargeToDeadLetterAsItIsIsDeadLetteredInItsReducedForm() throws Exception {
    byte[] huge = new byte[1_200_000];
    Arrays.fill(huge, (byte) 'x');
    huge[0] = '{';
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.updateBeginningOffsets(Map.of(P0, 0L));
        });
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(record(P0, 0, huge));
          consumer.addRecord(record(P0, 1, CODEC.encode(event(1))));
        });
    ConsumerResult result = build(RatingConsumer.builder().deadLetterTopic()).run();

    assertThat(result.stats().malformed()).isEqualTo(1);
    assertThat(result.stats().valid()).isEqualTo(1);
    assertThat(result.stats().failures().reducedDeadLetters()).isEqualTo(1);
    assertThat(result.stats().failures().deadLetteredMalformed()).isEqualTo(1);
    ProducerRecord<byte[], byte[]> letter = dlq.history().get(0);
    assertThat(letter.value())
        .isEqualTo(Arrays.copyOf(huge, DeadLetterHeaders.TRUNCATED_VALUE_BYTES));
    assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_VALUE_SIZE)).isEqualTo("1200000");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_VALUE_SHA256))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(huge)));
    assertThat(header(letter, DeadLetterHeaders.SOURCE_KEY_SIZE)).isEqualTo("1");
    assertThat(header(letter, DeadLetterHeaders.KIND)).isEqualTo("MALFORMED");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(committed()).containsEntry(P0, 2L);
  }

  @Test
  void invalidRecordsWithoutDeadLetterTopicAreCountedAsDropped() {
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.updateBeginningOffsets(Map.of(P0, 0L));
        });
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(record(P0, 0, "nope".getBytes(StandardCharsets.UTF_8)));
          consumer.addRecord(record(P0, 1, null));
        });
    ConsumerResult result = build(RatingConsumer.builder()).run();
    assertThat(result.stats().malformed()).isEqualTo(2);
    assertThat(result.stats().failures().dropped()).isEqualTo(2);
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String key) {
    var h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
