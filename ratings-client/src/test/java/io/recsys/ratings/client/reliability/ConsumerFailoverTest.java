package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.producer;
import static io.recsys.ratings.client.reliability.Fixtures.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.ConsumerResult;
import io.recsys.ratings.client.RatingConsumer;
import io.recsys.ratings.client.RatingHandler;
import io.recsys.ratings.client.RatingProducer;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A consumer dies mid-stream, or a second one joins and leaves the group: nothing is lost. */
@IntegrationTest
@WithKafka
class ConsumerFailoverTest {

  /** Thrown by a handler to emulate the process dying: an Error, which the SDK does not catch. */
  private static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("simulated crash");
    }
  }

  /**
   * Emulates a crash with a handler that throws an {@link Error} in the middle of a poll batch: the
   * SDK catches only exceptions, so the Error ends {@code run()} at once and no commit follows (the
   * offsets of the batch being processed are never committed), exactly what a killed process leaves
   * behind. Unlike a kill, the Kafka consumer still leaves the group on its way out, which only
   * makes the successor start sooner.
   */
  @Test
  void crashedConsumerIsResumedFromCommittedOffsetsReprocessingOnlyTheUncommitted(
      KafkaCluster kafka) {
    String topic = "rel-crash";
    String group = "g-crash";
    kafka.createTopic(topic, 3, 1);
    int n = 5_000;
    int batch = 100;
    try (RatingProducer producer = producer(kafka, topic).build()) {
      assertThat(
              producer
                  .sendAll(Fixtures.uniqueEvents(5, n, System.currentTimeMillis()))
                  .acknowledged())
          .isEqualTo(n);
    }
    Map<TopicPartition, Set<Long>> first = new HashMap<>();
    AtomicInteger count = new AtomicInteger();
    RatingConsumer doomed =
        consumer(kafka, topic, group)
            .property("max.poll.records", batch)
            .handler(
                (e, ctx) -> {
                  if (count.incrementAndGet() == n / 2 + 37) {
                    throw new Crash(); // mid-batch: this record is not handled
                  }
                  first
                      .computeIfAbsent(
                          new TopicPartition(ctx.topic(), ctx.partition()), k -> new HashSet<>())
                      .add(ctx.offset());
                })
            .build();
    assertThatThrownBy(doomed::run).isInstanceOf(Crash.class);
    Map<TopicPartition, Long> committed = kafka.committedOffsets(group, topic);

    // handled by the dead consumer but not covered by a commit: the most that may come again
    long uncommitted = 0;
    long handledFirst = 0;
    for (Map.Entry<TopicPartition, Set<Long>> e : first.entrySet()) {
      long c = committed.getOrDefault(e.getKey(), 0L);
      handledFirst += e.getValue().size();
      uncommitted += e.getValue().stream().filter(o -> o >= c).count();
    }
    assertThat(handledFirst).isEqualTo(n / 2 + 36);
    assertThat(uncommitted).as("uncommitted at the crash").isLessThanOrEqualTo(batch);

    Map<TopicPartition, Set<Long>> second = new ConcurrentHashMap<>();
    AtomicLong handledSecond = new AtomicLong();
    ConsumerResult result =
        consumer(kafka, topic, group)
            .idleTimeout(Duration.ofSeconds(3))
            .handler(
                (e, ctx) -> {
                  handledSecond.incrementAndGet();
                  second
                      .computeIfAbsent(
                          new TopicPartition(ctx.topic(), ctx.partition()),
                          k -> ConcurrentHashMap.newKeySet())
                      .add(ctx.offset());
                })
            .build()
            .run();
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);

    Map<TopicPartition, Long> end = kafka.endOffsets(topic);
    long reprocessed = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      TopicPartition tp = e.getKey();
      long c = committed.getOrDefault(tp, 0L);
      Set<Long> after = second.getOrDefault(tp, Set.of());
      Set<Long> expected = new HashSet<>();
      for (long o = c; o < e.getValue(); o++) {
        expected.add(o);
      }
      // resumes exactly at the committed offset: nothing before it, everything after it
      assertThat(after).as("offsets read after the crash in %s", tp).isEqualTo(expected);
      Set<Long> union = new HashSet<>(first.getOrDefault(tp, Set.of()));
      union.addAll(after);
      assertThat(union)
          .as("every record of %s processed at least once", tp)
          .hasSize(e.getValue().intValue());
      Set<Long> again = new HashSet<>(first.getOrDefault(tp, Set.of()));
      again.retainAll(after);
      reprocessed += again.size();
    }
    assertThat(handledSecond.get())
        .as("no record twice in the second run")
        .isEqualTo(n - (handledFirst - reprocessed));
    assertThat(reprocessed).as("re-processed").isEqualTo(uncommitted).isLessThanOrEqualTo(batch);
    assertThat(kafka.lag(group, topic)).isZero();
  }

  /**
   * The client module's {@code secondConsumerJoiningAndLeavingMidStreamLosesNothing} reads a topic
   * filled beforehand; here the producer is still writing while the second member joins and leaves.
   */
  @Test
  void secondConsumerJoiningAndLeavingWhileTheProducerWritesLosesNothing(KafkaCluster kafka)
      throws Exception {
    String topic = "rel-rebalance";
    String group = "g-rebalance";
    kafka.createTopic(topic, 4, 1);
    int n = 20_000;
    List<RatingEvent> events = Fixtures.uniqueEvents(6, n, System.currentTimeMillis());
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicLong handled = new AtomicLong();
    RatingHandler handler =
        (e, ctx) -> {
          seen.add(e.timestamp());
          handled.incrementAndGet();
        };
    RatingConsumer first =
        consumer(kafka, topic, group)
            .property("max.poll.records", 200)
            .idleTimeout(Duration.ofSeconds(4))
            .handler(handler)
            .build();
    CompletableFuture<ConsumerResult> a = CompletableFuture.supplyAsync(first::run);
    CompletableFuture<ConsumerResult> b;
    try (RatingProducer producer = producer(kafka, topic).build()) {
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < n; i++) {
                  producer.send(events.get(i));
                  if (i % 1000 == 999) {
                    sleep(400); // about 8 s of stream
                  }
                }
              });
      waitFor(() -> seen.size() >= n / 10, "first member under way");
      RatingConsumer second =
          consumer(kafka, topic, group).property("max.poll.records", 200).handler(handler).build();
      b = CompletableFuture.supplyAsync(second::run);
      waitFor(() -> second.stats().received() >= 500, "second member receiving");
      assertThat(writer).as("producer still writing when the second member leaves").isNotDone();
      second.close(); // leaves the group while the producer is still writing
      writer.get(60, TimeUnit.SECONDS);
      producer.flush();
      assertThat(producer.stats().acknowledged()).isEqualTo(n);
    }
    ConsumerResult resultB = b.get(60, TimeUnit.SECONDS);
    ConsumerResult resultA = a.get(90, TimeUnit.SECONDS);
    assertThat(resultB.stats().received()).as("the second member took part").isPositive();
    assertThat(resultA.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(seen).as("every produced event handled at least once").hasSize(n);
    // each hand-over re-delivers at most the uncommitted poll batch of each moved partition
    assertThat(handled.get() - n).as("re-deliveries").isLessThanOrEqualTo(2L * 4 * 200);
    assertThat(kafka.lag(group, topic)).isZero();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      sleep(10);
    }
  }
}
