package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop against Kafka's MockConsumer and MockProducer (no broker). Runs on every
 * supported kafka-clients: MockConsumer is built with the constructor that 3.9 and 4.x share.
 */
// MockConsumer(OffsetResetStrategy) and close(Duration), deprecated in 4.x, are what 3.9 has
@SuppressWarnings("deprecation")
class RatingConsumerLoopTest {
  private static final TopicPartition P0 = new TopicPartition("ratings", 0);
  private static final TopicPartition P1 = new TopicPartition("ratings", 1);
  private static final RatingCodec CODEC = RatingCodec.defaults();
  private static final long T = 1_700_000_000_000L;

  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private final MockProducer<byte[], byte[]> dlq =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private void assign(List<ConsumerRecord<byte[], byte[]>> records) {
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0, P1));
          consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
          consumer.updateEndOffsets(Map.of(P0, 3L, P1, 2L));
        });
    consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
  }

  private static ConsumerRecord<byte[], byte[]> record(
      TopicPartition tp, long offset, byte[] value) {
    return new ConsumerRecord<>(
        tp.topic(), tp.partition(), offset, "7".getBytes(StandardCharsets.UTF_8), value);
  }

  private static byte[] json(int user, double rating) {
    return CODEC.encode(new RatingEvent(user, 10, rating, T));
  }

  private static ConsumerRecord<byte[], byte[]> stamped(
      TopicPartition tp, long offset, long timestamp, byte[] value) {
    return new ConsumerRecord<>(
        tp.topic(),
        tp.partition(),
        offset,
        timestamp,
        timestamp < 0
            ? org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE
            : org.apache.kafka.common.record.TimestampType.CREATE_TIME,
        1,
        value == null ? -1 : value.length,
        "7".getBytes(StandardCharsets.UTF_8),
        value,
        new org.apache.kafka.common.header.internals.RecordHeaders(),
        java.util.Optional.empty());
  }

  @Test
  void recordLatencyForEveryTimestampedRecordEventLatencyForEveryValidEvent() {
    long t = System.currentTimeMillis() - 1_000;
    byte[] event = CODEC.encode(new RatingEvent(1, 10, 4.0, t));
    assign(
        List.of(
            stamped(P0, 0, t, event), // record timestamp = event timestamp: one value, both
            stamped(P0, 1, t - 60_000, event), // record a minute older than the event
            stamped(P0, 2, t, "not json".getBytes(StandardCharsets.UTF_8)), // malformed
            stamped(P1, 0, t, json(2, 9.0)), // invalid
            stamped(P1, 1, -1, event))); // valid, no record timestamp
    RatingConsumer rc =
        RatingConsumer.builder()
            .groupId("g")
            .maxMessages(5)
            .handler((e, ctx) -> {})
            .build(consumer, dlq);
    ConsumerStats s = rc.run().stats();

    assertThat(s.valid()).isEqualTo(3);
    assertThat(s.eventLatency().count()).isEqualTo(3);
    assertThat(s.recordLatency().count()).isEqualTo(4);
    assertThat(s.eventLatency().maxMs()).isBetween(900.0, 30_000.0);
    assertThat(s.recordLatency().maxMs()).isBetween(60_900.0, 90_000.0);
    assertThat(s.recordLatency().p50Ms()).isLessThan(30_000.0);
  }

  @Test
  void classifiesEveryRecordDeadLettersTheBadOnesAndCommitsAfterHandling() {
    assign(
        List.of(
            record(P0, 0, json(1, 4.0)),
            record(P0, 1, json(2, 9.0)), // invalid
            record(P0, 2, "not json".getBytes(StandardCharsets.UTF_8)), // malformed
            record(P1, 0, json(13, 3.0)), // handler throws
            record(P1, 1, null))); // malformed (null)
    List<RatingEvent> handled = new ArrayList<>();
    List<ConsumerStats> reported = new ArrayList<>();
    RatingConsumer rc =
        RatingConsumer.builder()
            .groupId("g")
            .statsListener(reported::add)
            .deadLetterTopic()
            .maxMessages(5)
            .handler(
                (event, ctx) -> {
                  if (event.userId() == 13) {
                    throw new IllegalStateException("cannot handle user 13");
                  }
                  handled.add(event);
                })
            .build(consumer, dlq);
    ConsumerResult result = rc.run();

    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    ConsumerStats s = result.stats();
    assertThat(s.received()).isEqualTo(5);
    assertThat(s.valid()).isEqualTo(1);
    assertThat(s.invalid()).isEqualTo(1);
    assertThat(s.malformed()).isEqualTo(2);
    assertThat(s.processingErrors()).isEqualTo(1);
    assertThat(s.deadLettered()).isEqualTo(4);
    assertThat(s.ratingDistribution().count(4.0)).isEqualTo(1);
    assertThat(s.ratingDistribution().count(3.0)).isEqualTo(1);
    assertThat(handled).extracting(RatingEvent::userId).containsExactly(1);
    assertThat(reported).last().isEqualTo(s);
    assertThat(s.partitions()).extracting(PartitionProgress::partition).containsExactly(0, 1);
    assertThat(s.partitions()).extracting(PartitionProgress::position).containsExactly(3L, 2L);
    assertThat(s.totalLag()).isZero();

    List<ProducerRecord<byte[], byte[]>> letters = dlq.history();
    assertThat(letters).hasSize(4);
    assertThat(letters).allSatisfy(r -> assertThat(r.topic()).isEqualTo("ratings.dlq"));
    assertThat(letters.stream().map(r -> header(r, DeadLetterHeaders.KIND)))
        .containsExactlyInAnyOrder("INVALID", "MALFORMED", "PROCESSING_ERROR", "MALFORMED");
    ProducerRecord<byte[], byte[]> failed =
        letters.stream()
            .filter(r -> "PROCESSING_ERROR".equals(header(r, DeadLetterHeaders.KIND)))
            .findFirst()
            .orElseThrow();
    assertThat(header(failed, DeadLetterHeaders.REASON)).contains("cannot handle user 13");
    assertThat(header(failed, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("1");
    assertThat(header(failed, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(failed.value()).isEqualTo(json(13, 3.0));
    assertThat(dlq.closed()).isTrue();
  }

  @Test
  void commitsNextOffsetPerPartitionAndClosesTheConsumer() {
    assign(
        List.of(
            record(P0, 0, json(1, 4.0)), record(P0, 1, json(1, 4.5)), record(P1, 0, json(2, 1.0))));
    RatingConsumer rc =
        RatingConsumer.builder()
            .groupId("g")
            .commitInterval(Duration.ZERO)
            .idleTimeout(Duration.ofMillis(50))
            .build(consumer, null);
    // committed offsets are read from the MockConsumer before close clears nothing: capture them
    List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
    consumer.schedulePollTask(() -> commits.add(consumer.committed(Set.of(P0, P1))));
    ConsumerResult result = rc.run();
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(result.stats().valid()).isEqualTo(3);
    assertThat(commits).hasSize(1);
    assertThat(commits.get(0).get(P0).offset()).isEqualTo(2);
    assertThat(commits.get(0).get(P1).offset()).isEqualTo(1);
    assertThat(consumer.closed()).isTrue();
  }

  /**
   * A MockConsumer that hands the loop's own asynchronous commits to {@link #onCommitAsync}
   * (MockConsumer's {@code commitSync} delegates to {@code commitAsync(offsets, null)}, which goes
   * straight through).
   */
  private abstract static class AsyncCommitsMock extends MockConsumer<byte[], byte[]> {
    AsyncCommitsMock() {
      super(OffsetResetStrategy.EARLIEST);
    }

    @Override
    public synchronized void commitAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
      if (callback == null) {
        super.commitAsync(offsets, null);
        return;
      }
      onCommitAsync(offsets, callback);
    }

    /** The loop's {@code commitAsync}; {@link #completeAsync} does what MockConsumer would. */
    abstract void onCommitAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

    final void completeAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
      super.commitAsync(offsets, callback);
    }
  }

  /** Assigns P0 on the first poll, then offsets 0, 1 and 2 on the next three: three batches. */
  private static void scheduleThreeBatchesOfP0(MockConsumer<byte[], byte[]> consumer) {
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.updateBeginningOffsets(Map.of(P0, 0L));
          consumer.updateEndOffsets(Map.of(P0, 3L));
        });
    for (int i = 0; i < 3; i++) {
      long offset = i;
      consumer.schedulePollTask(() -> consumer.addRecord(record(P0, offset, json(1, 4.0))));
    }
  }

  /**
   * Runs three poll batches (offsets 0, 1, 2 of P0) and returns every non-empty commit the loop
   * made, as "sync N" or "async N" (N the committed offset of P0).
   */
  private List<String> commitsOfThreeBatches(Duration commitInterval, CommitMode mode) {
    List<String> commits = new ArrayList<>();
    MockConsumer<byte[], byte[]> counting =
        new AsyncCommitsMock() {
          @Override
          public synchronized void commitSync(
              Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            if (!offsets.isEmpty()) {
              commits.add("sync " + offsets.get(P0).offset());
            }
            super.commitSync(offsets, timeout);
          }

          @Override
          void onCommitAsync(
              Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            commits.add("async " + offsets.get(P0).offset());
            completeAsync(offsets, callback);
          }
        };
    scheduleThreeBatchesOfP0(counting);
    RatingConsumerBuilder builder =
        RatingConsumer.builder()
            .groupId("g")
            .commitInterval(commitInterval)
            .idleTimeout(Duration.ofMillis(50));
    if (mode != null) {
      builder.commitMode(mode);
    }
    ConsumerResult result = builder.build(counting, null).run();
    assertThat(result.stats().valid()).isEqualTo(3);
    return commits;
  }

  @Test
  void commitsAsynchronouslyAfterEveryPollBatchByDefault() {
    assertThat(commitsOfThreeBatches(Duration.ZERO, null))
        .containsExactly("async 1", "async 2", "async 3");
  }

  @Test
  void synchronousModeCommitsSynchronouslyAfterEveryPollBatch() {
    assertThat(commitsOfThreeBatches(Duration.ZERO, CommitMode.SYNCHRONOUS))
        .containsExactly("sync 1", "sync 2", "sync 3");
  }

  @Test
  void commitIntervalHoldsCommitsBackUntilAnIdlePollThenCommitsEverythingProcessed() {
    assertThat(commitsOfThreeBatches(Duration.ofMinutes(1), null)).containsExactly("sync 3");
    assertThat(commitsOfThreeBatches(Duration.ofMinutes(1), CommitMode.SYNCHRONOUS))
        .containsExactly("sync 3");
  }

  @Test
  void pipelinedModeKeepsOneCommitInFlightAndCommitsSynchronouslyWhenTwoBatchesWaitedForIt() {
    List<String> calls = new ArrayList<>();
    List<Runnable> answers = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> committedAtClose = new HashMap<>();
    MockConsumer<byte[], byte[]> slow =
        new AsyncCommitsMock() {
          @Override
          void onCommitAsync(
              Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            calls.add("async " + offsets.get(P0).offset());
            // the broker answers later: when the consumer next waits (commitSync)
            answers.add(
                () -> {
                  super.commitSync(offsets, Duration.ofSeconds(1));
                  callback.onComplete(offsets, null);
                });
          }

          @Override
          public synchronized void commitSync(
              Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            calls.add(offsets.isEmpty() ? "await" : "sync " + offsets.get(P0).offset());
            List<Runnable> due = List.copyOf(answers);
            answers.clear();
            due.forEach(Runnable::run);
            super.commitSync(offsets, timeout);
          }

          @Override
          public synchronized void close(CloseOptions options) {
            committedAtClose.putAll(committed(Set.of(P0)));
            super.close(options);
          }

          @Override
          public synchronized void close(Duration timeout) { // kafka-clients before 4.1
            committedAtClose.putAll(committed(Set.of(P0)));
            super.close(timeout);
          }
        };
    scheduleThreeBatchesOfP0(slow);
    ConsumerResult result =
        RatingConsumer.builder()
            .groupId("g")
            .commitInterval(Duration.ZERO)
            .idleTimeout(Duration.ofMillis(50))
            .build(slow, null)
            .run();
    assertThat(result.stats().valid()).isEqualTo(3);
    // batch 1: an asynchronous commit the broker does not answer yet; batch 2 rides along; after
    // batch 3 the loop commits synchronously (which the broker answers after the one in flight)
    assertThat(calls).containsExactly("async 1", "sync 3");
    assertThat(committedAtClose.get(P0).offset()).isEqualTo(3);
  }

  @Test
  void failedAsynchronousCommitIsRetriedWithTheNextCommit() {
    List<Map<TopicPartition, OffsetAndMetadata>> sent = new ArrayList<>();
    MockConsumer<byte[], byte[]> flaky =
        new AsyncCommitsMock() {
          @Override
          void onCommitAsync(
              Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            sent.add(Map.copyOf(offsets));
            if (sent.size() == 1) {
              callback.onComplete(offsets, new RetriableCommitFailedException("coordinator moved"));
              return;
            }
            completeAsync(offsets, callback);
          }
        };
    flaky.schedulePollTask(
        () -> {
          flaky.rebalance(List.of(P0, P1));
          flaky.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
          flaky.updateEndOffsets(Map.of(P0, 1L, P1, 1L));
        });
    flaky.schedulePollTask(() -> flaky.addRecord(record(P0, 0, json(1, 4.0))));
    flaky.schedulePollTask(() -> flaky.addRecord(record(P1, 0, json(2, 4.0))));
    ConsumerResult result =
        RatingConsumer.builder()
            .groupId("g")
            .commitInterval(Duration.ZERO)
            .idleTimeout(Duration.ofMillis(50))
            .build(flaky, null)
            .run();
    assertThat(result.stats().valid()).isEqualTo(2);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).containsOnlyKeys(P0);
    assertThat(sent.get(1)).containsOnlyKeys(P0, P1); // P0's failed commit went out again
    assertThat(sent.get(1).get(P0).offset()).isEqualTo(1);
    assertThat(sent.get(1).get(P1).offset()).isEqualTo(1);
  }

  @Test
  void byDefaultCommitsArePipelinedAndAtMostEvery250Milliseconds() {
    assertThat(RatingConsumer.builder().bootstrapServers("localhost:9092").groupId("g").describe())
        .contains("commitInterval=PT0.25S")
        .contains("commitMode=PIPELINED");
    // three batches in well under 250 ms: no commit is due until the idle poll commits them all
    assertThat(
            commitsOfThreeBatches(
                RatingConsumerBuilder.DEFAULT_COMMIT_INTERVAL, CommitMode.PIPELINED))
        .containsExactly("sync 3");
  }

  @Test
  void commitModeNullIsRejected() {
    assertThatThrownBy(() -> RatingConsumer.builder().commitMode(null))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("commitMode");
  }

  @Test
  void commitIntervalOutOfRangeIsRejectedNamingTheSetting() {
    assertThatThrownBy(() -> RatingConsumer.builder().commitInterval(Duration.ofMinutes(2)))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("commitInterval");
    assertThatThrownBy(() -> RatingConsumer.builder().commitInterval(Duration.ofMillis(-1)))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("commitInterval");
  }

  @Test
  void failedDeadLetterStopsTheRunWithoutCommittingTheBatch() {
    List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
    MockConsumer<byte[], byte[]> consumer =
        new AsyncCommitsMock() {
          @Override
          public synchronized void commitSync(
              Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            if (!offsets.isEmpty()) {
              commits.add(Map.copyOf(offsets));
            }
            super.commitSync(offsets, timeout);
          }

          @Override
          void onCommitAsync(
              Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            commits.add(Map.copyOf(offsets));
            completeAsync(offsets, callback);
          }
        };
    MockProducer<byte[], byte[]> failing =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            while (errorNext(
                new org.apache.kafka.common.errors.TopicAuthorizationException("no"))) {
              // fail every pending send
            }
          }
        };
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.updateBeginningOffsets(Map.of(P0, 0L));
        });
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(record(P0, 0, json(1, 4.0)));
          consumer.addRecord(record(P0, 1, json(2, 9.0)));
        });
    RatingConsumer rc =
        RatingConsumer.builder().groupId("g").deadLetterTopic("dlq").build(consumer, failing);
    assertThatThrownBy(rc::run)
        .isInstanceOf(RatingsClientException.class)
        .hasMessageContaining("Dead-letter send to 'dlq' failed")
        .hasMessageContaining("not committed");
    assertThat(commits).isEmpty();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void wakeupFromAnotherThreadStopsTheRunCleanly() throws Exception {
    assign(List.of(record(P0, 0, json(1, 4.0))));
    RatingConsumer rc =
        RatingConsumer.builder()
            .groupId("g")
            .pollTimeout(Duration.ofMillis(20))
            .build(consumer, null);
    CompletableFuture<ConsumerResult> running = CompletableFuture.supplyAsync(rc::run);
    while (rc.stats().received() < 1 && !running.isDone()) {
      Thread.sleep(5);
    }
    rc.close();
    ConsumerResult result = running.get(10, TimeUnit.SECONDS);
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.STOPPED);
    assertThat(result.stats().valid()).isEqualTo(1);
    assertThat(consumer.closed()).isTrue();
    assertThatThrownBy(rc::run).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resetToBeginningSeeksAssignedPartitions() {
    assertThat(positionAfterAssignment(true)).isZero();
    assertThat(positionAfterAssignment(false)).isEqualTo(3); // "latest" without the reset
  }

  private static long positionAfterAssignment(boolean reset) {
    MockConsumer<byte[], byte[]> latest = new MockConsumer<>(OffsetResetStrategy.LATEST);
    latest.schedulePollTask(
        () -> {
          latest.updateBeginningOffsets(Map.of(P0, 0L));
          latest.updateEndOffsets(Map.of(P0, 3L));
          latest.rebalance(List.of(P0));
        });
    List<Long> positions = new ArrayList<>();
    latest.schedulePollTask(() -> positions.add(latest.position(P0)));
    RatingConsumer rc =
        RatingConsumer.builder()
            .groupId("g")
            .startPosition(StartPosition.LATEST)
            .resetToBeginning(reset)
            .idleTimeout(Duration.ofMillis(30))
            .build(latest, null);
    rc.run();
    assertThat(positions).hasSize(1);
    return positions.get(0);
  }

  @Test
  void builderValidatesSettings() {
    assertThatThrownBy(() -> RatingConsumer.builder().maxMessages(-1))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("maxMessages must be between 0 and")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> RatingConsumer.builder().groupId(" "))
        .hasMessageContaining("groupId must not be blank");
    assertThatThrownBy(() -> RatingConsumer.builder().property("enable.auto.commit", true))
        .hasMessageContaining("set by the SDK");
    assertThatThrownBy(() -> RatingConsumer.builder().property("max.poll.recordz", 1))
        .hasMessageContaining("Unknown Kafka consumer property 'max.poll.recordz'");
    assertThatThrownBy(() -> RatingConsumer.builder().bootstrapServers("h:1").build())
        .hasMessageContaining("groupId is required");
    assertThatThrownBy(() -> RatingConsumer.builder().deadLetterTopic("a b"))
        .hasMessageContaining("deadLetterTopic");
    String described =
        RatingConsumer.builder()
            .bootstrapServers("h:1")
            .groupId("g")
            .deadLetterTopic()
            .property("sasl.jaas.config", "x required password=\"p4ss\";")
            .describe();
    assertThat(described)
        .doesNotContain("p4ss")
        .contains("enable.auto.commit=false")
        .contains("auto.offset.reset=earliest")
        .contains("deadLetterTopic=ratings.dlq");
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String key) {
    var h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
