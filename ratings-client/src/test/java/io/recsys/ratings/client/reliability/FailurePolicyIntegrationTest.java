package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.header;
import static io.recsys.ratings.client.reliability.Fixtures.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerResult.StopReason;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.client.consumer.FailedRecord;
import io.recsys.ratings.client.consumer.FailurePolicy;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The consumer's failure policy and failure path on a real broker: retries with a backoff that
 * keeps the group, a stop that commits nothing past the failed record, retry topics and their
 * delays, dead letters too large to send as they are, {@code close()} after the member left the
 * group, and a topic deleted and re-created under a busy handler.
 */
@IntegrationTest
@WithKafka
class FailurePolicyIntegrationTest {

  private static byte[] value(int user, int movie) {
    return Fixtures.CODEC.encode(new RatingEvent(user, movie, 4.0, System.currentTimeMillis()));
  }

  private static byte[] key(int user) {
    return Integer.toString(user).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A handler failing twice on one record, with a 10 s backoff, on a consumer whose {@code
   * max.poll.interval.ms} is 6 s: the partition is paused while the loop keeps polling, so the
   * member stays in the group (one assignment, no poll timeout) and the record is handled exactly
   * once after its failures, in order with the records after it.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void recordFailingTwiceIsHandledOnceInOrderWithoutRebalanceDuringABackoffLongerThanPollInterval(
      KafkaCluster kafka) {
    String topic = "fp-backoff";
    kafka.createTopic(topic, 1, 1);
    for (int i = 0; i < 10; i++) {
      kafka.produce(topic, key(1), value(1, 100 + i));
    }
    List<Integer> handled = new CopyOnWriteArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    List<String> members = new CopyOnWriteArrayList<>();
    ConsumerResult result;
    String log;
    try (LogCapture capture = new LogCapture();
        Admin admin = Admin.create(kafka.clientProperties())) {
      result =
          consumer(kafka, topic, "g-fp-backoff")
              .property("max.poll.interval.ms", 6_000)
              .maxMessages(10)
              .idleTimeout(Duration.ofSeconds(60))
              .failurePolicy(
                  FailurePolicy.builder()
                      .backoff(Duration.ofSeconds(10), 1, Duration.ofSeconds(10))
                      .jitter(0)
                      .build())
              .handler(
                  (e, ctx) -> {
                    if (e.movieId() == 103 && failures.getAndIncrement() < 2) {
                      throw new IOException("db down");
                    }
                    if (e.movieId() == 100 || e.movieId() == 109) {
                      members.add(members(admin, "g-fp-backoff"));
                    }
                    handled.add(e.movieId());
                  })
              .build()
              .run();
      log = capture.text();
    }
    assertThat(result.stopReason()).isEqualTo(StopReason.MAX_MESSAGES);
    assertThat(handled).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
    assertThat(failures).hasValue(3); // two failures, then the call that succeeded
    ConsumerStats s = result.stats();
    assertThat(s.valid()).isEqualTo(10);
    assertThat(s.failures().retries()).isEqualTo(2);
    assertThat(s.failures().recoveredAfterRetry()).isEqualTo(1);
    assertThat(kafka.lag("g-fp-backoff", topic)).isZero();
    assertThat(log).doesNotContain("poll timeout has expired");
    assertThat(members).hasSize(2);
    assertThat(members.get(0)).as("the group's members before the backoffs").isNotEmpty();
    assertThat(members.get(1))
        .as("the same member after 20 s of backoff (a rebalance would give a new member id)")
        .isEqualTo(members.get(0));
  }

  // state() (deprecated in 4.x; groupState() is new in 4.0): the form kafka-clients 3.9 has too
  @SuppressWarnings("deprecation")
  private static String members(Admin admin, String group) throws Exception {
    var d = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
    return d.state() + " " + d.members().stream().map(m -> m.consumerId()).sorted().toList();
  }

  /**
   * A handler that always fails, on a consumer without a dead-letter topic: the consumer stops with
   * HANDLER_FAILED naming the record, nothing from that record on is committed, and a restarted
   * consumer of the group reads it again (nothing is lost silently).
   */
  @Test
  void alwaysFailingHandlerWithoutDeadLetterTopicStopsAndARestartSeesTheRecordAgain(
      KafkaCluster kafka) {
    String topic = "fp-stop";
    kafka.createTopic(topic, 1, 1);
    for (int i = 0; i < 6; i++) {
      kafka.produce(topic, key(1), value(1, 200 + i));
    }
    List<Integer> first = new CopyOnWriteArrayList<>();
    ConsumerResult a =
        consumer(kafka, topic, "g-fp-stop")
            .idleTimeout(Duration.ofSeconds(30))
            .failurePolicy(
                FailurePolicy.builder()
                    .backoff(Duration.ofMillis(50), 2, Duration.ofMillis(200))
                    .build())
            .handler(
                (e, ctx) -> {
                  if (e.movieId() == 202) {
                    throw new IOException("db down");
                  }
                  first.add(e.movieId());
                })
            .build()
            .run();
    assertThat(a.stopReason()).isEqualTo(StopReason.HANDLER_FAILED);
    FailedRecord failed = a.failedRecord().orElseThrow();
    assertThat(failed.topic()).isEqualTo(topic);
    assertThat(failed.offset()).isEqualTo(2);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(a.detail()).contains(topic + "-0@2");
    assertThat(first).containsExactly(200, 201);
    assertThat(kafka.committedOffsets("g-fp-stop", topic).values())
        .as("nothing past the failed record committed")
        .containsExactly(2L);

    List<Integer> second = new CopyOnWriteArrayList<>();
    ConsumerResult b =
        consumer(kafka, topic, "g-fp-stop")
            .maxMessages(4)
            .idleTimeout(Duration.ofSeconds(30))
            .handler((e, ctx) -> second.add(e.movieId()))
            .build()
            .run();
    assertThat(b.stopReason()).isEqualTo(StopReason.MAX_MESSAGES);
    assertThat(second).containsExactly(202, 203, 204, 205);
    assertThat(kafka.lag("g-fp-stop", topic)).isZero();
  }

  /**
   * Retry topics {@code <topic>.retry.1s} and {@code <topic>.retry.3s}: a record that keeps failing
   * goes through both, each handled no earlier than its delay after it was written, then to the
   * dead-letter topic with its original coordinates, attempts, first-failure time and its user
   * headers; a record that recovers on the first retry topic is handled there once.
   */
  @Test
  void retryTopicsHandleEachRecordNoEarlierThanTheirDelayThenDeadLetterIt(KafkaCluster kafka)
      throws Exception {
    String topic = "fp-rt";
    String dlq = "fp-rt.dlq";
    kafka.createTopic(topic, 2, 1);
    kafka.createTopic(topic + ".retry.1s", 1, 1);
    kafka.createTopic(topic + ".retry.3s", 1, 1);
    kafka.createTopic(dlq, 1, 1);
    RecordHeaders trace = new RecordHeaders();
    trace.add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            kafka.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, 0, key(7), value(7, 300), trace)).get();
      raw.send(new ProducerRecord<>(topic, 0, key(8), value(8, 301))).get();
      raw.send(new ProducerRecord<>(topic, 1, key(9), value(9, 302))).get();
    }
    record Call(String topic, long handledAtMs, long writtenAtMs) {}
    Map<Integer, List<Call>> calls = new ConcurrentHashMap<>();
    AtomicInteger user8Failures = new AtomicInteger();
    ConsumerResult result =
        consumer(kafka, topic, "g-fp-rt")
            .deadLetterTopic(dlq)
            .idleTimeout(Duration.ofSeconds(6))
            .failurePolicy(
                FailurePolicy.builder()
                    .noRetries()
                    .retryTopics(Duration.ofSeconds(1), Duration.ofSeconds(3))
                    .build())
            .handler(
                (e, ctx) -> {
                  calls
                      .computeIfAbsent(e.userId(), u -> new CopyOnWriteArrayList<>())
                      .add(new Call(ctx.topic(), System.currentTimeMillis(), ctx.timestamp()));
                  if (e.userId() == 7) {
                    throw new IOException("still down");
                  }
                  if (e.userId() == 8 && user8Failures.getAndIncrement() == 0) {
                    throw new IOException("down once");
                  }
                })
            .build()
            .run();

    assertThat(result.stopReason()).isEqualTo(StopReason.IDLE_TIMEOUT);
    List<Call> seven = calls.get(7);
    assertThat(seven)
        .extracting(Call::topic)
        .containsExactly(topic, topic + ".retry.1s", topic + ".retry.3s");
    assertThat(seven.get(1).handledAtMs())
        .as("handled no earlier than 1 s after it was written to the retry topic")
        .isGreaterThanOrEqualTo(seven.get(1).writtenAtMs() + 1_000);
    assertThat(seven.get(1).writtenAtMs()).isGreaterThanOrEqualTo(seven.get(0).handledAtMs());
    assertThat(seven.get(2).handledAtMs())
        .isGreaterThanOrEqualTo(seven.get(2).writtenAtMs() + 3_000);
    assertThat(seven.get(2).handledAtMs() - seven.get(0).handledAtMs())
        .isGreaterThanOrEqualTo(4_000);
    assertThat(calls.get(8)).extracting(Call::topic).containsExactly(topic, topic + ".retry.1s");
    assertThat(calls.get(9)).extracting(Call::topic).containsExactly(topic);

    ConsumerStats s = result.stats();
    assertThat(s.failures().sentToRetryTopic()).isEqualTo(3);
    assertThat(s.failures().deadLetteredProcessingError()).isEqualTo(1);
    List<ConsumerRecord<byte[], byte[]>> letters =
        kafka.awaitRecords(dlq, 1, Duration.ofSeconds(30));
    assertThat(letters).hasSize(1);
    ConsumerRecord<byte[], byte[]> letter = letters.get(0);
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
    assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
    assertThat(Long.parseLong(header(letter, DeadLetterHeaders.FIRST_FAILURE_TIME)))
        .isBetween(seven.get(0).handledAtMs() - 1_000, seven.get(0).handledAtMs() + 1_000);
    assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(IOException.class.getName());
    assertThat(header(letter, "traceparent")).isEqualTo("00-abc-01");
    assertThat(letter.timestamp()) // the original record's timestamp, not the retry topic's
        .isEqualTo(Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_TIMESTAMP)))
        .isEqualTo(seven.get(0).writtenAtMs());
    assertThat(kafka.lag("g-fp-rt", topic)).isZero();
    assertThat(kafka.lag("g-fp-rt", topic + ".retry.1s")).isZero();
    assertThat(kafka.lag("g-fp-rt", topic + ".retry.3s")).isZero();
  }

  /**
   * A 1.2 MB malformed value written with lz4 (the broker takes it: compressed it is a few KB) is
   * too large for the dead-letter producer's 1 MB {@code max.request.size}: it is dead-lettered in
   * its reduced form (its head, its size and SHA-256 in headers) and the consumer moves past it.
   */
  @Test
  void oversizedLz4PoisonIsDeadLetteredInItsReducedFormAndTheConsumerMovesPast(KafkaCluster kafka)
      throws Exception {
    String topic = "fp-poison";
    String dlq = "fp-poison.dlq";
    kafka.createTopic(topic, 1, 1);
    kafka.createTopic(dlq, 1, 1);
    StringBuilder text = new StringBuilder("{\"userId\":1,\"oops\":");
    while (text.length() < 1_200_000) {
      text.append("poison-");
    }
    byte[] poison = text.toString().getBytes(StandardCharsets.UTF_8);
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, key(1), poison)).get(30, TimeUnit.SECONDS);
      raw.send(new ProducerRecord<>(topic, key(1), value(1, 400))).get(30, TimeUnit.SECONDS);
    }
    List<Integer> handled = new CopyOnWriteArrayList<>();
    ConsumerResult result =
        consumer(kafka, topic, "g-fp-poison")
            .deadLetterTopic(dlq)
            .maxMessages(2)
            .idleTimeout(Duration.ofSeconds(30))
            .handler((e, ctx) -> handled.add(e.movieId()))
            .build()
            .run();
    assertThat(result.stopReason()).isEqualTo(StopReason.MAX_MESSAGES);
    assertThat(result.stats().malformed()).isEqualTo(1);
    assertThat(result.stats().failures().reducedDeadLetters()).isEqualTo(1);
    assertThat(handled).containsExactly(400);
    assertThat(kafka.lag("g-fp-poison", topic)).as("the consumer moved past it").isZero();
    assertReducedLetter(kafka.awaitRecords(dlq, 1, Duration.ofSeconds(30)).get(0), poison, topic);
  }

  /**
   * A dead letter under the producer's limit but over the dead-letter topic's {@code
   * max.message.bytes} is refused by the broker; it is sent again in its reduced form.
   */
  @Test
  void deadLetterRefusedAsTooLargeByTheBrokerIsSentAgainReduced(KafkaCluster kafka)
      throws Exception {
    String topic = "fp-refused";
    String dlq = "fp-refused.dlq";
    kafka.createTopic(topic, 1, 1);
    kafka.createTopic(dlq, 1, 1, Map.of("max.message.bytes", "200000"));
    byte[] garbage = new byte[500_000];
    new SplittableRandom(7).nextBytes(garbage); // incompressible: the batch stays ~500 KB
    garbage[0] = (byte) 0xff;
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            kafka.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, key(2), garbage)).get(30, TimeUnit.SECONDS);
    }
    ConsumerResult result =
        consumer(kafka, topic, "g-fp-refused")
            .deadLetterTopic(dlq)
            .maxMessages(1)
            .idleTimeout(Duration.ofSeconds(30))
            .build()
            .run();
    assertThat(result.stopReason()).isEqualTo(StopReason.MAX_MESSAGES);
    assertThat(result.stats().failures().reducedDeadLetters()).isEqualTo(1);
    assertThat(kafka.lag("g-fp-refused", topic)).isZero();
    assertReducedLetter(kafka.awaitRecords(dlq, 1, Duration.ofSeconds(30)).get(0), garbage, topic);
  }

  private static void assertReducedLetter(
      ConsumerRecord<byte[], byte[]> letter, byte[] original, String topic) throws Exception {
    assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
    assertThat(header(letter, DeadLetterHeaders.KIND)).isEqualTo("MALFORMED");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
    assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_VALUE_SIZE))
        .isEqualTo(Integer.toString(original.length));
    assertThat(header(letter, DeadLetterHeaders.SOURCE_VALUE_SHA256))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)));
    assertThat(letter.value())
        .isEqualTo(Arrays.copyOf(original, DeadLetterHeaders.TRUNCATED_VALUE_BYTES));
  }

  /**
   * {@code close()} after the member was removed from its group (its commit then fails with {@code
   * CommitFailedException}) makes {@code run()} return its summary rather than throw.
   */
  @Test
  void closeAfterTheMemberWasRemovedFromTheGroupReturnsTheSummary(KafkaCluster kafka)
      throws Exception {
    String topic = "fp-removed";
    String group = "g-fp-removed";
    kafka.createTopic(topic, 1, 1);
    for (int i = 0; i < 5; i++) {
      kafka.produce(topic, key(1), value(1, 500 + i));
    }
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RatingConsumer consumer =
        consumer(kafka, topic, group)
            .commitInterval(Duration.ofMinutes(1)) // the processed records are not committed yet
            .handler(
                (e, ctx) -> {
                  if (e.movieId() == 502) {
                    inHandler.countDown();
                    release.await(60, TimeUnit.SECONDS);
                  }
                })
            .build();
    CompletableFuture<ConsumerResult> run = CompletableFuture.supplyAsync(consumer::run);
    assertThat(inHandler.await(60, TimeUnit.SECONDS)).isTrue();
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin
          .removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    CompletableFuture<Void> closing = CompletableFuture.runAsync(consumer::close);
    sleep(500); // close() has asked run() to stop: its commit meets the wakeup first
    release.countDown();
    closing.get(60, TimeUnit.SECONDS);
    assertThat(run).succeedsWithin(Duration.ofSeconds(30));
    ConsumerResult result = run.join();
    assertThat(result.stopReason()).isEqualTo(StopReason.STOPPED);
    assertThat(result.stats().valid()).isGreaterThanOrEqualTo(3);
  }

  /**
   * The consumed topic is deleted and re-created while the handler is busy with records of the old
   * topic: the consumer notices the new topic id and reads the new topic from its beginning, so
   * every record of the new topic is handled (none skipped at the old topic's offsets).
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void topicDeletedAndRecreatedWhileTheHandlerIsBusyHasEveryNewRecordHandled(KafkaCluster kafka)
      throws Exception {
    String topic = "fp-recreated";
    kafka.createTopic(topic, 1, 1);
    for (int i = 0; i < 100; i++) {
      kafka.produce(topic, key(1), value(1, i + 1)); // old records: movies 1..100
    }
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    java.util.Set<Integer> newHandled = ConcurrentHashMap.newKeySet();
    RatingConsumer consumer =
        consumer(kafka, topic, "g-fp-recreated")
            .handler(
                (e, ctx) -> {
                  if (e.movieId() == 50) {
                    busy.countDown();
                    release.await(90, TimeUnit.SECONDS);
                  }
                  if (e.movieId() > 1_000) {
                    newHandled.add(e.movieId());
                  }
                })
            .build();
    CompletableFuture<ConsumerResult> run = CompletableFuture.supplyAsync(consumer::run);
    assertThat(busy.await(60, TimeUnit.SECONDS)).isTrue();
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try {
          kafka.createTopic(topic, 1, 1);
          break;
        } catch (RuntimeException stillBeingDeleted) {
          if (System.nanoTime() > deadline) {
            throw stillBeingDeleted;
          }
          sleep(200);
        }
      }
    }
    for (int i = 0; i < 200; i++) {
      kafka.produce(topic, key(1), value(1, 1_001 + i)); // new records: movies 1001..1200
    }
    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (newHandled.size() < 200 && System.nanoTime() < deadline && !run.isDone()) {
      sleep(100);
    }
    consumer.close();
    ConsumerResult result = run.get(60, TimeUnit.SECONDS);
    List<Integer> missing = new ArrayList<>();
    for (int m = 1_001; m <= 1_200; m++) {
      if (!newHandled.contains(m)) {
        missing.add(m);
      }
    }
    Collections.sort(missing);
    assertThat(missing).as("records of the new topic never handled").isEmpty();
    assertThat(result.stats().failures().topicRecreations()).isGreaterThanOrEqualTo(1);
  }
}
