package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.producer;
import static io.recsys.ratings.client.reliability.Fixtures.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.consumer.CommitMode;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.consumer.RatingHandler;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A consumer dies mid-stream, or a second one joins and leaves the group: nothing is lost. */
@IntegrationTest
@WithKafka
class ConsumerFailoverIntegrationTest {

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
   * makes the successor start sooner. Synchronous commits after every poll batch: at most that one
   * batch is processed twice.
   */
  @Test
  void crashedConsumerIsResumedFromCommittedOffsetsReprocessingOnlyTheUncommitted(
      KafkaCluster kafka) {
    int batch = 100;
    Crashed crashed =
        crashMidStream(
            kafka,
            "rel-crash",
            "g-crash",
            b -> b.commitMode(CommitMode.SYNCHRONOUS).commitInterval(Duration.ZERO),
            batch,
            false);
    assertResumedAtCommittedOffsets(
        kafka, "rel-crash", "g-crash", N, crashed.first(), batch, Duration.ofSeconds(3));
  }

  /**
   * The same crash with pipelined (asynchronous) commits after every poll batch: at most three
   * batches are processed twice (one whose commit was unanswered, one that rode along, the one
   * being processed).
   */
  @Test
  void crashedPipelinedConsumerReprocessesAtMostThreePollBatches(KafkaCluster kafka) {
    int batch = 100;
    Crashed crashed =
        crashMidStream(
            kafka,
            "rel-crash-pipelined",
            "g-crash-pipelined",
            b -> b.commitMode(CommitMode.PIPELINED).commitInterval(Duration.ZERO),
            batch,
            false);
    assertResumedAtCommittedOffsets(
        kafka,
        "rel-crash-pipelined",
        "g-crash-pipelined",
        N,
        crashed.first(),
        3 * batch,
        Duration.ofSeconds(3));
  }

  /**
   * The same crash with the default commit settings (pipelined, a commit due every 250 ms) and a
   * handler slow enough (1 ms a record) that the run lasts seconds: every record handled more than
   * 1.5 s before the crash was committed (the interval, plus the poll batches a pipelined commit
   * may leave unconfirmed, plus slack for a loaded machine), so only the last ones come again.
   */
  @Test
  void crashedConsumerWithDefaultCommitSettingsReprocessesOnlyItsLastMoments(KafkaCluster kafka) {
    int batch = 100;
    Crashed crashed =
        crashMidStream(kafka, "rel-crash-defaults", "g-crash-defaults", b -> b, batch, true);
    long crashNanos = crashed.crashNanos();
    long recent =
        crashed.handledAt().values().stream()
            .filter(t -> crashNanos - t <= TimeUnit.MILLISECONDS.toNanos(1_500))
            .count();
    assertThat(recent).as("records handled in the last 1.5 s").isLessThan(N / 2 + 36);
    assertResumedAtCommittedOffsets(
        kafka,
        "rel-crash-defaults",
        "g-crash-defaults",
        N,
        crashed.first(),
        recent,
        Duration.ofSeconds(3));
  }

  private static final int N = 5_000;

  /** What the crashed consumer handled: offsets per partition, and when each record was handled. */
  private record Crashed(
      Map<TopicPartition, Set<Long>> first, Map<String, Long> handledAt, long crashNanos) {}

  /**
   * Fills a topic with {@link #N} events and runs a consumer whose handler throws an {@link Error}
   * at record {@code N / 2 + 37}.
   */
  private static Crashed crashMidStream(
      KafkaCluster kafka,
      String topic,
      String group,
      UnaryOperator<RatingConsumerBuilder> settings,
      int batch,
      boolean slow) {
    kafka.createTopic(topic, 3, 1);
    try (RatingProducer producer = producer(kafka, topic).build()) {
      assertThat(
              producer
                  .sendAll(Fixtures.uniqueEvents(5, N, System.currentTimeMillis()))
                  .acknowledged())
          .isEqualTo(N);
    }
    Map<TopicPartition, Set<Long>> first = new HashMap<>();
    Map<String, Long> handledAt = new HashMap<>();
    AtomicInteger count = new AtomicInteger();
    AtomicLong crashNanos = new AtomicLong();
    RatingConsumer doomed =
        settings
            .apply(consumer(kafka, topic, group).property("max.poll.records", batch))
            .handler(
                (e, ctx) -> {
                  if (count.incrementAndGet() == N / 2 + 37) {
                    crashNanos.set(System.nanoTime());
                    throw new Crash(); // mid-batch: this record is not handled
                  }
                  if (slow) {
                    Thread.sleep(1);
                  }
                  first
                      .computeIfAbsent(
                          new TopicPartition(ctx.topic(), ctx.partition()), k -> new HashSet<>())
                      .add(ctx.offset());
                  handledAt.put(ctx.partition() + "@" + ctx.offset(), System.nanoTime());
                })
            .build();
    assertThatThrownBy(doomed::run).isInstanceOf(Crash.class);
    assertThat(first.values().stream().mapToInt(Set::size).sum()).isEqualTo(N / 2 + 36);
    return new Crashed(first, handledAt, crashNanos.get());
  }

  /**
   * The real thing: the consumer runs in its own JVM, which is killed ({@code
   * Process.destroyForcibly}, SIGKILL) mid-stream, so it neither commits nor leaves the group. The
   * successor gets the partitions once the dead member's session (6 s) has expired, and resumes
   * exactly at the committed offsets.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void killedConsumerProcessIsResumedFromCommittedOffsets(KafkaCluster kafka) throws Exception {
    String topic = "rel-kill";
    String group = "g-kill";
    kafka.createTopic(topic, 3, 1);
    int n = 6_000;
    try (RatingProducer producer = producer(kafka, topic).build()) {
      assertThat(
              producer
                  .sendAll(Fixtures.uniqueEvents(9, n, System.currentTimeMillis()))
                  .acknowledged())
          .isEqualTo(n);
    }
    Path out = Files.createTempFile("reliability-kill", ".txt");
    Path log = Files.createTempFile("reliability-kill", ".log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ConsumerProcessMain.class.getName(),
                kafka.bootstrapServers(),
                topic,
                group,
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Map<TopicPartition, Set<Long>> first = new HashMap<>();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Files.readAllLines(out).size() < n / 3) {
        assertThat(child.isAlive()).as("consumer process alive; its log: %s", log).isTrue();
        assertThat(System.nanoTime()).as("consumer process progress").isLessThan(deadline);
        sleep(20);
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    String text = Files.readString(out);
    for (String line : text.split("\n")) {
      if (line.isEmpty() || (text.endsWith(line) && !text.endsWith("\n"))) {
        continue; // a line cut by the kill: that record was not handled to the end
      }
      String[] po = line.split("@");
      first
          .computeIfAbsent(new TopicPartition(topic, Integer.parseInt(po[0])), k -> new HashSet<>())
          .add(Long.parseLong(po[1]));
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(log);
    assertResumedAtCommittedOffsets(kafka, topic, group, n, first, 100, Duration.ofSeconds(15));
  }

  /**
   * Starts the successor in the group and checks that it reads exactly the offsets from the
   * committed ones on, that every record was processed at least once, and that the records
   * processed twice are exactly those the dead consumer processed after its last commit (at most
   * {@code maxUncommitted}).
   */
  private static void assertResumedAtCommittedOffsets(
      KafkaCluster kafka,
      String topic,
      String group,
      int n,
      Map<TopicPartition, Set<Long>> first,
      long maxUncommitted,
      Duration idleTimeout) {
    Map<TopicPartition, Long> committed = kafka.committedOffsets(group, topic);

    // handled by the dead consumer but not covered by a commit: the most that may come again
    long uncommitted = 0;
    long handledFirst = 0;
    for (Map.Entry<TopicPartition, Set<Long>> e : first.entrySet()) {
      long c = committed.getOrDefault(e.getKey(), 0L);
      handledFirst += e.getValue().size();
      uncommitted += e.getValue().stream().filter(o -> o >= c).count();
    }
    assertThat(uncommitted).as("uncommitted at the crash").isLessThanOrEqualTo(maxUncommitted);

    // stop after exactly what is left from the committed offsets; a record read twice or an
    // offset before the commit would take the place of one of them and show as missing below
    Map<TopicPartition, Long> end = kafka.endOffsets(topic);
    long toRead = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      toRead += e.getValue() - committed.getOrDefault(e.getKey(), 0L);
    }
    Map<TopicPartition, Set<Long>> second = new ConcurrentHashMap<>();
    AtomicLong handledSecond = new AtomicLong();
    ConsumerResult result =
        consumer(kafka, topic, group)
            .maxMessages(toRead)
            .idleTimeout(idleTimeout)
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
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);

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
    assertThat(reprocessed)
        .as("re-processed")
        .isEqualTo(uncommitted)
        .isLessThanOrEqualTo(maxUncommitted);
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
