package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.await;
import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.everyRecord;
import static io.recsys.ratings.client.reliability.Fixtures.groupType;
import static io.recsys.ratings.client.reliability.Fixtures.key;
import static io.recsys.ratings.client.reliability.Fixtures.sleep;
import static org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_PROTOCOL_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerHealth;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerState;
import io.recsys.ratings.client.consumer.MemberResult;
import io.recsys.ratings.client.consumer.PartitionProgress;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import io.recsys.ratings.client.consumer.RuntimeListener;
import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RatingConsumerRuntime} on a real broker: members share the partitions, a stop drains and
 * commits, a dead member is reported while the others take over, readiness follows the assignment,
 * and stats reach the metrics topic. Sharing, draining, a dead member and readiness run with both
 * group protocols: {@code classic} (Kafka's default) and {@code consumer} (the broker assigns,
 * members reconcile at their heartbeats).
 */
@IntegrationTest
@WithKafka
class ConsumerRuntimeIntegrationTest {
  private static final Duration LONG = Duration.ofSeconds(90);

  /** Thrown by a handler to kill its member's thread: an Error, which the SDK does not catch. */
  private static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("simulated crash of a member thread");
    }
  }

  private static Set<Integer> partitionsOf(ConsumerHealth.Member m) {
    return m.partitions().stream().map(PartitionProgress::partition).collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "group.protocol={0}")
  @ValueSource(strings = {"classic", "consumer"})
  void threeMembersShareSixPartitionsAndHandleEveryRecordOnceOnACleanStop(
      String protocol, KafkaCluster kafka) {
    String topic = "rt-share-" + protocol;
    String group = "g-rt-share-" + protocol;
    int n = 6_000;
    kafka.createTopic(topic, 6, 1);
    Fixtures.sendUnique(kafka, topic, n);
    Map<String, Integer> handledBy = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(
                consumer(kafka, topic, group).property(GROUP_PROTOCOL_CONFIG, protocol))
            .concurrency(3)
            .handlerFactory(
                member ->
                    (event, ctx) -> {
                      if (handledBy.put(key(ctx.partition(), ctx.offset()), member) != null) {
                        duplicates.incrementAndGet();
                      }
                    })
            .build();
    runtime.start();
    try {
      await("every record handled", () -> handledBy.size() >= n, LONG);
      await(
          "every member holds two of the six partitions",
          () -> runtime.health().members().stream().allMatch(m -> m.partitions().size() == 2),
          LONG);
      assertThat(groupType(kafka, group).toString()).isEqualToIgnoringCase(protocol);
      ConsumerHealth health = runtime.health();
      assertThat(health.ready()).isTrue();
      assertThat(health.live()).isTrue();
      assertThat(health.assignedPartitions())
          .extracting(PartitionProgress::partition)
          .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
      assertThat(health.members())
          .extracting(ConsumerHealth.Member::name)
          .containsExactly(group + "-0", group + "-1", group + "-2");
      assertThat(health.members()).allMatch(m -> m.sinceLastPoll().isPresent());
    } finally {
      assertThat(runtime.stop(LONG)).as("stopped within its timeout").isTrue();
    }
    assertThat(runtime.state()).isEqualTo(ConsumerState.STOPPED);
    assertThat(runtime.results()).hasSize(3).allMatch(MemberResult::isOk);
    assertThat(duplicates).hasValue(0);
    assertThat(handledBy.keySet()).isEqualTo(everyRecord(kafka, topic));
    assertThat(runtime.stats().valid()).isEqualTo(n);
    assertThat(
            runtime.results().stream()
                .mapToLong(r -> r.result().orElseThrow().stats().valid())
                .sum())
        .isEqualTo(n);
    assertThat(kafka.committedOffsets(group, topic)).isEqualTo(kafka.endOffsets(topic));
  }

  @ParameterizedTest(name = "group.protocol={0}")
  @ValueSource(strings = {"classic", "consumer"})
  void stopDuringASlowHandlerFinishesAndCommitsTheRecordInHandAndARestartHandlesNothingTwice(
      String protocol, KafkaCluster kafka) throws Exception {
    String topic = "rt-slow-" + protocol;
    String group = "g-rt-slow-" + protocol;
    kafka.createTopic(topic, 2, 1);
    Fixtures.sendUnique(kafka, topic, 40);
    Map<String, Integer> first = new ConcurrentHashMap<>();
    AtomicReference<String> inHand = new AtomicReference<>();
    AtomicBoolean inHandFinished = new AtomicBoolean();
    CountDownLatch slowEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(
                consumer(kafka, topic, group).property(GROUP_PROTOCOL_CONFIG, protocol))
            .concurrency(2)
            .handler(
                (event, ctx) -> {
                  String key = key(ctx.partition(), ctx.offset());
                  if (ctx.offset() == 5 && inHand.compareAndSet(null, key)) {
                    slowEntered.countDown();
                    // a slow handler: at least 3 s, and until the test has seen the stop begin
                    Thread.sleep(3_000);
                    release.await(60, TimeUnit.SECONDS);
                    inHandFinished.set(true);
                  }
                  first.merge(key, 1, Integer::sum);
                })
            .build();
    runtime.start();
    assertThat(slowEntered.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    sleep(1_000);
    assertThat(runtime.health().members())
        .as("the blocked member has not polled for a while")
        .anyMatch(
            m -> m.sinceLastPoll().orElse(Duration.ZERO).compareTo(Duration.ofSeconds(1)) >= 0);

    CompletableFuture<Boolean> stopped =
        CompletableFuture.supplyAsync(() -> runtime.stop(Duration.ofSeconds(60)));
    await("stopping", () -> runtime.state() == ConsumerState.STOPPING, LONG);
    assertThat(inHandFinished).as("nothing interrupted the handler").isFalse();
    assertThat(stopped).as("stop waits for the record in hand").isNotDone();
    release.countDown();
    assertThat(stopped.get(90, TimeUnit.SECONDS)).as("drained within its timeout").isTrue();
    assertThat(inHandFinished).as("the record in hand was handled to its end").isTrue();
    assertThat(first).containsKey(inHand.get());
    assertThat(runtime.state()).isEqualTo(ConsumerState.STOPPED);
    assertThat(runtime.results())
        .allSatisfy(
            r ->
                assertThat(r.result().orElseThrow().stopReason())
                    .isEqualTo(ConsumerResult.StopReason.STOPPED));
    int slowPartition = Integer.parseInt(inHand.get().split("@")[0]);
    Map<TopicPartition, Long> committed = kafka.committedOffsets(group, topic);
    assertThat(committed.get(new TopicPartition(topic, slowPartition)))
        .as("committed up to and including the record in hand, not beyond what was handled")
        .isEqualTo(6L);

    // the group again: it reads exactly what was not handled
    Map<String, Integer> second = new ConcurrentHashMap<>();
    try (RatingConsumer again =
        consumer(kafka, topic, group)
            .property(GROUP_PROTOCOL_CONFIG, protocol)
            .idleTimeout(Duration.ofSeconds(3))
            .handler(
                (event, ctx) -> second.merge(key(ctx.partition(), ctx.offset()), 1, Integer::sum))
            .build()) {
      assertThat(again.run().stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    }
    assertThat(first.values()).allMatch(c -> c == 1);
    assertThat(second.values()).allMatch(c -> c == 1);
    assertThat(second.keySet()).doesNotContainAnyElementsOf(first.keySet());
    Set<String> all = new HashSet<>(first.keySet());
    all.addAll(second.keySet());
    assertThat(all).isEqualTo(everyRecord(kafka, topic));
    assertThat(kafka.committedOffsets(group, topic)).isEqualTo(kafka.endOffsets(topic));
  }

  @ParameterizedTest(name = "group.protocol={0}")
  @ValueSource(strings = {"classic", "consumer"})
  void aKilledMemberShowsInHealthWhileTheOthersTakeOverItsPartitionsAndGoOn(
      String protocol, KafkaCluster kafka) {
    String topic = "rt-kill-" + protocol;
    String group = "g-rt-kill-" + protocol;
    kafka.createTopic(topic, 6, 1);
    Map<String, Integer> handled = new ConcurrentHashMap<>();
    List<MemberResult> ended = new CopyOnWriteArrayList<>();
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(
                consumer(kafka, topic, group).property(GROUP_PROTOCOL_CONFIG, protocol))
            .concurrency(3)
            .handlerFactory(
                member ->
                    (event, ctx) -> {
                      if (member == 0) {
                        throw new Crash();
                      }
                      handled.merge(key(ctx.partition(), ctx.offset()), 1, Integer::sum);
                    })
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onMemberEnded(MemberResult result) {
                    ended.add(result);
                  }
                })
            .build();
    runtime.start();
    try {
      await(
          "every member holds two partitions",
          () -> runtime.health().members().stream().allMatch(m -> m.partitions().size() == 2),
          LONG);
      Set<Integer> doomedPartitions = partitionsOf(runtime.health().members().get(0));
      int n = 600;
      Fixtures.sendUnique(kafka, topic, n);

      await(
          "member 0 failed",
          () -> runtime.health().members().get(0).state() == ConsumerState.FAILED,
          LONG);
      ConsumerHealth health = runtime.health();
      assertThat(runtime.state()).isEqualTo(ConsumerState.RUNNING);
      assertThat(health.live()).as("a dead member makes the runtime not live").isFalse();
      ConsumerHealth.Member dead = health.members().get(0);
      assertThat(dead.lastError().orElseThrow().type()).isEqualTo(Crash.class.getName());
      assertThat(dead.partitions()).isEmpty();
      assertThat(health.members().subList(1, 3)).allMatch(m -> m.state() == ConsumerState.RUNNING);
      await("the listener heard of it", () -> !ended.isEmpty(), LONG);
      assertThat(ended).hasSize(1);
      assertThat(ended.get(0).index()).isZero();
      assertThat(ended.get(0).state()).isEqualTo(ConsumerState.FAILED);
      assertThat(ended.get(0).error().orElseThrow().message()).contains("simulated crash");

      await("the others handle every record", () -> handled.size() >= n, LONG);
      await(
          "the two others hold all six partitions",
          () -> {
            ConsumerHealth h = runtime.health();
            Set<Integer> held = new HashSet<>(partitionsOf(h.members().get(1)));
            held.addAll(partitionsOf(h.members().get(2)));
            return held.size() == 6;
          },
          LONG);
      assertThat(handled.keySet())
          .as("including the dead member's partitions %s", doomedPartitions)
          .isEqualTo(everyRecord(kafka, topic));
      assertThat(runtime.health().ready()).as("the running members have their assignment").isTrue();
    } finally {
      runtime.stop(LONG);
    }
    assertThat(runtime.state()).as("a member failed").isEqualTo(ConsumerState.FAILED);
    assertThat(runtime.results())
        .extracting(MemberResult::state)
        .containsExactly(ConsumerState.FAILED, ConsumerState.STOPPED, ConsumerState.STOPPED);
    assertThat(kafka.committedOffsets(group, topic)).isEqualTo(kafka.endOffsets(topic));
  }

  @ParameterizedTest(name = "group.protocol={0}")
  @ValueSource(strings = {"classic", "consumer"})
  void readinessIsFalseUntilEveryMemberHasItsAssignmentAnEmptyOneIncluded(
      String protocol, KafkaCluster kafka) {
    String topic = "rt-ready-" + protocol;
    kafka.createTopic(topic, 2, 1);
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(
                consumer(kafka, topic, "g-rt-ready-" + protocol)
                    .property(GROUP_PROTOCOL_CONFIG, protocol))
            .concurrency(3)
            .build();
    assertThat(runtime.health().ready()).isFalse();
    runtime.start();
    List<ConsumerHealth> samples = new ArrayList<>();
    try {
      samples.add(runtime.health());
      await(
          "ready",
          () -> {
            ConsumerHealth h = runtime.health();
            samples.add(h);
            return h.ready();
          },
          LONG);
      ConsumerHealth first = samples.get(0);
      assertThat(first.ready()).as("just started: no assignment yet").isFalse();
      assertThat(first.live()).isTrue();
      assertThat(first.members()).anyMatch(m -> !m.assigned());
      ConsumerHealth ready = samples.get(samples.size() - 1);
      assertThat(ready.members()).allMatch(ConsumerHealth.Member::assigned);
      assertThat(ready.members().stream().mapToInt(m -> m.partitions().size()).sum()).isEqualTo(2);
      assertThat(ready.members())
          .as("three members, two partitions: one has none and counts as assigned")
          .anyMatch(m -> m.partitions().isEmpty());
    } finally {
      runtime.stop(LONG);
    }
    assertThat(runtime.health().ready()).isFalse();
    assertThat(runtime.health().live()).isFalse();
  }

  @Test
  void aSingleConsumerReportsItsHealthToo(KafkaCluster kafka) throws Exception {
    String topic = "rt-single";
    kafka.createTopic(topic, 3, 1);
    Fixtures.sendUnique(kafka, topic, 30);
    RatingConsumer consumer = consumer(kafka, topic, "g-rt-single").build();
    assertThat(consumer.health().state()).isEqualTo(ConsumerState.NEW);
    assertThat(consumer.health().ready()).isFalse();
    CompletableFuture<ConsumerResult> run = CompletableFuture.supplyAsync(consumer::run);
    await("ready", () -> consumer.health().ready(), LONG);
    await(
        "lag 0 known",
        () -> consumer.health().assignedPartitions().stream().allMatch(p -> p.lag() == 0),
        LONG);
    ConsumerHealth h = consumer.health();
    assertThat(h.live()).isTrue();
    assertThat(h.members()).hasSize(1);
    assertThat(h.members().get(0).name()).isEqualTo("g-rt-single");
    assertThat(h.assignedPartitions())
        .extracting(PartitionProgress::partition)
        .containsExactly(0, 1, 2);
    assertThat(h.totalLag()).isZero();
    consumer.close();
    assertThat(run.get(60, TimeUnit.SECONDS).stopReason())
        .isEqualTo(ConsumerResult.StopReason.STOPPED);
    assertThat(consumer.health().state()).isEqualTo(ConsumerState.STOPPED);
    assertThat(consumer.health().live()).isFalse();
  }

  @Test
  void aMetricsTopicThatRefusesEveryEventNeitherStallsNorStopsTheConsumer(KafkaCluster kafka) {
    String topic = "rt-refused";
    String metrics = "rt-metrics-tiny";
    kafka.createTopic(topic, 2, 1);
    kafka.createTopic(metrics, 1, 1, Map.of("max.message.bytes", "64")); // no event fits
    Fixtures.sendUnique(kafka, topic, 200);
    AtomicInteger handled = new AtomicInteger();
    ConsumerResult result;
    String log;
    try (LogCapture capture = new LogCapture();
        RatingConsumer consumer =
            consumer(kafka, topic, "g-rt-refused")
                .statsInterval(Duration.ofMillis(50))
                .publishStatsTo(metrics)
                .idleTimeout(Duration.ofSeconds(2))
                .handler((event, ctx) -> handled.incrementAndGet())
                .build()) {
      result = consumer.run();
      log = capture.text();
    }
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(handled).hasValue(200);
    assertThat(kafka.committedOffsets("g-rt-refused", topic)).isEqualTo(kafka.endOffsets(topic));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(\\d+) stats event\\(s\\) of 'g-rt-refused' could not be published to '"
                    + metrics
                    + "' \\(0 were\\)")
            .matcher(log);
    assertThat(m.find()).as("the failures are counted: %s", log).isTrue();
    long failed = Long.parseLong(m.group(1));
    long warned = log.lines().filter(l -> l.contains("not published to '" + metrics + "'")).count();
    assertThat(failed).as("one event per 50 ms window over seconds").isGreaterThanOrEqualTo(3);
    assertThat(warned).as("WARN lines are rate-limited").isLessThanOrEqualTo(2).isLessThan(failed);
    assertThat(kafka.endOffsets(metrics).values()).containsOnly(0L);
  }

  @Test
  void eachMemberPublishesItsStatsWindowsToTheMetricsTopicAsDecodableEvents(KafkaCluster kafka) {
    String topic = "rt-stats";
    String metrics = "rt-metrics";
    String group = "g-rt-stats";
    int n = 400;
    kafka.createTopic(topic, 2, 1);
    kafka.createTopic(metrics, 1, 1);
    Fixtures.sendUnique(kafka, topic, n);
    AtomicInteger handled = new AtomicInteger();
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(
                consumer(kafka, topic, group)
                    .statsInterval(Duration.ofMillis(200))
                    .publishStatsTo(metrics))
            .concurrency(2)
            .handler((event, ctx) -> handled.incrementAndGet())
            .build();
    runtime.start();
    try {
      await("every record handled", () -> handled.get() >= n, LONG);
      sleep(500); // a few windows more
    } finally {
      assertThat(runtime.stop(LONG)).isTrue();
    }
    List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecords(metrics, 2, LONG);
    List<MetricsEvent> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Optional<MetricsEvent> e = MetricsCodec.decode(r.value());
      assertThat(e).as("decodable: %s", new String(r.value())).isPresent();
      events.add(e.get());
    }
    Map<String, Long> countBySource = new HashMap<>();
    events.forEach(e -> countBySource.merge(e.source(), e.count(), Long::sum));
    assertThat(countBySource).containsOnlyKeys(group + "-0", group + "-1");
    Map<String, Long> receivedByMember = new HashMap<>();
    runtime.results().forEach(r -> receivedByMember.put(r.name(), r.stats().received()));
    assertThat(countBySource)
        .as("the windows of each member add up to what it processed")
        .isEqualTo(receivedByMember);
    assertThat(countBySource.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
    assertThat(IntStream.range(0, 2).mapToObj(i -> group + "-" + i))
        .allMatch(s -> events.stream().anyMatch(e -> e.source().equals(s)));
  }
}
