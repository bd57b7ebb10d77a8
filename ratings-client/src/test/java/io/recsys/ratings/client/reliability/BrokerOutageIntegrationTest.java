package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.producer;
import static io.recsys.ratings.client.reliability.Fixtures.since;
import static io.recsys.ratings.client.reliability.Fixtures.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.producer.CloseResult;
import io.recsys.ratings.client.producer.ProducerStats;
import io.recsys.ratings.client.producer.RatingDeliveryException;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single broker stops (and comes back, or not) while clients use it: nothing acknowledged is
 * lost or duplicated, everything else is reported to the caller, and nothing hangs.
 */
@IntegrationTest
@WithKafka
class BrokerOutageIntegrationTest {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIntegrationTest.class);

  @AfterEach
  void brokerBackUp(EmbeddedKafka kafka) {
    if (!kafka.isRunning(0)) {
      kafka.startBroker(0);
    }
  }

  /**
   * 100,000 events paced over about 10 s; after 20,000 the broker stops for 4 s. With a 6 s
   * delivery timeout, events buffered early in the outage may expire while later ones are delivered
   * after the restart: both outcomes occur and each must reach the caller.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void restartUnderLoadKeepsEveryAcknowledgedEventExactlyOnceAndReportsEveryOther(
      EmbeddedKafka kafka) throws Exception {
    String topic = "rel-restart";
    kafka.createTopic(topic, 3, 1);
    int n = 100_000;
    List<RatingEvent> events = Fixtures.uniqueEvents(8, n, System.currentTimeMillis());
    Map<Long, CompletableFuture<SendResult>> futures = new HashMap<>(2 * n);
    AtomicInteger submitted = new AtomicInteger();
    long t0 = System.nanoTime();
    ProducerStats stats;
    try (RatingProducer producer =
        producer(kafka, topic)
            .deliveryTimeout(Duration.ofSeconds(6))
            .maxBlock(Duration.ofSeconds(6))
            .closeTimeout(Duration.ofSeconds(20))
            .build()) {
      CompletableFuture<Void> sender =
          CompletableFuture.runAsync(
              () -> {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                  RatingEvent e = events.get(i);
                  futures.put(e.timestamp(), producer.send(e));
                  submitted.incrementAndGet();
                  if (i % 1000 == 999) { // about 10,000 events per second
                    long due = start + TimeUnit.MILLISECONDS.toNanos((i + 1) / 10);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                    }
                  }
                }
              });
      while (submitted.get() < 20_000 && !sender.isDone()) {
        sleep(5);
      }
      assertThat(sender).as("sender still running when the broker stops").isNotDone();
      long down = System.nanoTime();
      kafka.stopBroker(0);
      sleep(4_000);
      kafka.startBroker(0);
      LOG.info("broker down for {} ms", since(down).toMillis());
      sender.get(120, TimeUnit.SECONDS);
      producer.flush();
      // the producer works again after the restart
      producer.sendAndWait(
          new RatingEvent(1, 1, 4.0, System.currentTimeMillis() + n), Duration.ofSeconds(30));
      stats = producer.stats();
    }

    Set<Long> acked = new HashSet<>();
    Set<Long> failed = new HashSet<>();
    for (Map.Entry<Long, CompletableFuture<SendResult>> e : futures.entrySet()) {
      CompletableFuture<SendResult> f = e.getValue();
      assertThat(f).as("future of event %d has an outcome", e.getKey()).isDone();
      if (f.isCompletedExceptionally()) {
        Throwable error =
            f.handle((r, x) -> x instanceof CompletionException ? x.getCause() : x).join();
        assertThat(error).isInstanceOf(RatingDeliveryException.class);
        assertThat(((RatingDeliveryException) error).event().timestamp()).isEqualTo(e.getKey());
        failed.add(e.getKey());
      } else {
        acked.add(e.getKey());
      }
    }
    assertThat(futures).hasSize(n);
    assertThat(acked.size() + failed.size()).as("acked + failed == sent").isEqualTo(n);
    assertThat(stats.sent()).isEqualTo(n + 1);
    assertThat(stats.acknowledged()).isEqualTo(acked.size() + 1L);
    assertThat(stats.failed()).isEqualTo(failed.size());
    assertThat(stats.inFlight()).isZero();

    long end = kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.awaitRecords(topic, (int) end, Duration.ofSeconds(60));
    List<Long> stored = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      stored.add(Fixtures.timestampOf(r));
    }
    Set<Long> storedSet = new HashSet<>(stored);
    assertThat(stored).as("no event stored twice").hasSameSizeAs(storedSet);
    Set<Long> missing = new HashSet<>(acked);
    missing.removeAll(storedSet);
    assertThat(missing).as("acknowledged but not stored").isEmpty();
    Set<Long> storedButFailed = new HashSet<>(failed);
    storedButFailed.retainAll(storedSet);
    LOG.info(
        "restart under load: {} acked, {} failed ({} of them stored anyway), {} records, {} ms",
        acked.size(),
        failed.size(),
        storedButFailed.size(),
        records.size(),
        since(t0).toMillis());
    // everything stored was sent by this test (plus the one probe event)
    assertThat(storedSet.size()).isEqualTo(acked.size() + storedButFailed.size() + 1);
  }

  /**
   * With every broker gone, Kafka 4 re-bootstraps and forgets the topic's metadata, so each {@code
   * send} blocks up to {@code max.block} before its future fails (the documented bound of {@link
   * RatingProducer#send}); a future of a send that was accepted fails at the latest after the
   * delivery timeout. Either way the caller gets a retriable {@link RatingDeliveryException} naming
   * the topic, never an endless retry.
   */
  @Test
  void brokerGoneLongerThanDeliveryTimeoutFailsEverySendWithinBoundsAndCloseReturns(
      EmbeddedKafka kafka) {
    String topic = "rel-gone";
    kafka.createTopic(topic, 1, 1);
    Duration delivery = Duration.ofSeconds(3);
    Duration maxBlock = Duration.ofSeconds(2);
    RatingProducer producer =
        producer(kafka, topic).deliveryTimeout(delivery).maxBlock(maxBlock).build();
    producer.sendAndWait(
        new RatingEvent(1, 1, 3.0, System.currentTimeMillis()), Duration.ofSeconds(30));
    kafka.stopBroker(0);
    int n = 5;
    List<CompletableFuture<SendResult>> futures = new ArrayList<>();
    List<Long> sendNanos = new ArrayList<>();
    List<CompletableFuture<Long>> outcomeNanos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long s0 = System.nanoTime();
      CompletableFuture<SendResult> f =
          producer.send(new RatingEvent(2, 1 + i, 4.0, System.currentTimeMillis()));
      assertThat(since(s0))
          .as("send() blocks at most max.block")
          .isLessThan(maxBlock.plusSeconds(2));
      futures.add(f);
      sendNanos.add(s0);
      outcomeNanos.add(f.handle((r, x) -> System.nanoTime()));
    }
    for (int i = 0; i < n; i++) {
      CompletableFuture<SendResult> f = futures.get(i);
      assertThat(f)
          .failsWithin(delivery.plus(maxBlock).plusSeconds(10))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(RatingDeliveryException.class)
          .withCauseInstanceOf(TimeoutException.class)
          .withMessageContaining(topic);
      RatingDeliveryException error = (RatingDeliveryException) f.handle((r, x) -> x).join();
      assertThat(error.isRetriable()).isTrue();
      Duration outcomeAfter = Duration.ofNanos(outcomeNanos.get(i).join() - sendNanos.get(i));
      assertThat(outcomeAfter)
          .as("failure reported within max.block + delivery timeout (+ slack)")
          .isLessThan(delivery.plus(maxBlock).plusSeconds(3));
    }
    long c0 = System.nanoTime();
    CloseResult closed = producer.close(Duration.ofSeconds(2));
    assertThat(since(c0)).as("close() hang guard").isLessThan(Duration.ofSeconds(2 + 5));
    assertThat(closed.failed()).isEqualTo(n);
    assertThat(closed.acknowledged()).isEqualTo(1);
    assertThat(closed.unresolved()).isZero();
  }

  @Test
  void consumerCloseReturnsWhileTheBrokerIsDown(EmbeddedKafka kafka) throws Exception {
    String topic = "rel-consumer-down";
    kafka.createTopic(topic, 2, 1);
    for (int i = 0; i < 20; i++) {
      kafka.produce(
          topic,
          null,
          Fixtures.CODEC.encode(new RatingEvent(1, 1 + i, 3.5, System.currentTimeMillis())));
    }
    AtomicInteger handled = new AtomicInteger();
    RatingConsumer consumer =
        consumer(kafka, topic, "g-consumer-down")
            .closeTimeout(Duration.ofSeconds(3))
            .handler((e, ctx) -> handled.incrementAndGet())
            .build();
    CompletableFuture<ConsumerResult> run = CompletableFuture.supplyAsync(consumer::run);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (handled.get() < 20 && System.nanoTime() < deadline) {
      sleep(20);
    }
    assertThat(handled).hasValue(20);
    // everything handled is committed (the commit interval or the next empty poll) before the
    // outage, so nothing is left that close() could fail to commit
    while (kafka.lag("g-consumer-down", topic) != 0 && System.nanoTime() < deadline) {
      sleep(20);
    }
    assertThat(kafka.lag("g-consumer-down", topic)).isZero();
    kafka.stopBroker(0);
    sleep(1_000);
    long c0 = System.nanoTime();
    consumer.close();
    // close() promises: at most the close timeout (twice: commit, then client close) plus 5 s
    assertThat(since(c0)).as("close() hang guard").isLessThan(Duration.ofSeconds(3 * 2 + 5 + 2));
    assertThat(run).succeedsWithin(Duration.ofSeconds(5));
  }

  /**
   * A consumer of an unreachable cluster does not end like a consumer of an empty topic: it stops
   * with {@code CLUSTER_UNREACHABLE}, at its idle timeout or its startup timeout, whichever comes
   * first (plus a second for the checks to conclude).
   */
  @Test
  void consumerOfAnUnreachableClusterStopsWithClusterUnreachableAndClosesPromptly() {
    RatingConsumer idle = unreachable().idleTimeout(Duration.ofSeconds(2)).build();
    long t0 = System.nanoTime();
    ConsumerResult result = idle.run();
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.CLUSTER_UNREACHABLE);
    assertThat(result.detail()).contains("127.0.0.1:1");
    assertThat(result.stats().received()).isZero();
    assertThat(since(t0)).isLessThan(Duration.ofSeconds(2 + 2 + 5));

    RatingConsumer noIdle =
        unreachable().maxMessages(10).startupTimeout(Duration.ofSeconds(3)).build();
    long t1 = System.nanoTime();
    assertThat(noIdle.run().stopReason()).isEqualTo(ConsumerResult.StopReason.CLUSTER_UNREACHABLE);
    assertThat(since(t1)).isLessThan(Duration.ofSeconds(3 + 2 + 5));

    RatingConsumer endless = unreachable().build();
    CompletableFuture<ConsumerResult> run = CompletableFuture.supplyAsync(endless::run);
    sleep(1_000);
    long c0 = System.nanoTime();
    endless.close();
    assertThat(since(c0)).as("close() hang guard").isLessThan(Duration.ofSeconds(2 * 2 + 5 + 2));
    assertThat(run).succeedsWithin(Duration.ofSeconds(5));
  }

  private static RatingConsumerBuilder unreachable() {
    return RatingConsumer.builder()
        .bootstrapServers("127.0.0.1:1")
        .groupId("g-nowhere")
        .topic("nowhere")
        .closeTimeout(Duration.ofSeconds(2));
  }
}
