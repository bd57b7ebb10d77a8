package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.LatencySummary;
import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The runtime's builder checks and state machine, with Kafka's MockConsumer (no broker). */
class RatingConsumerRuntimeTest {
  private static final RatingCodec CODEC = RatingCodec.defaults();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Map<String, MockConsumer<byte[], byte[]>> mocks = new ConcurrentHashMap<>();

  private static RatingConsumerBuilder template() {
    return RatingConsumer.builder()
        .bootstrapServers("localhost:9092")
        .groupId("g")
        .closeTimeout(Duration.ofSeconds(1));
  }

  /** A runtime whose member i reads partition i of topic "ratings" from a MockConsumer. */
  private RatingConsumerRuntime.Builder runtime(int members, boolean assignAtOnce) {
    return RatingConsumerRuntime.builder(template())
        .concurrency(members)
        .memberFactory(
            (name, handler) -> {
              MockConsumer<byte[], byte[]> mock = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
              mocks.put(name, mock);
              if (assignAtOnce) {
                assign(mock, Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)));
              }
              RatingConsumerBuilder b =
                  RatingConsumer.builder()
                      .groupId("g")
                      .property("client.id", name)
                      .failurePolicy(FailurePolicy.builder().noRetries().build());
              if (handler != null) {
                b.handler(handler);
              }
              return b.build(mock, null);
            });
  }

  private static void assign(MockConsumer<byte[], byte[]> mock, int partition) {
    TopicPartition tp = new TopicPartition("ratings", partition);
    mock.schedulePollTask(
        () -> {
          mock.rebalance(List.of(tp));
          mock.updateBeginningOffsets(Map.of(tp, 0L));
          mock.updateEndOffsets(Map.of(tp, 3L));
        });
    mock.schedulePollTask(
        () -> {
          for (int o = 0; o < 3; o++) {
            mock.addRecord(
                new ConsumerRecord<>(
                    "ratings",
                    partition,
                    o,
                    "1".getBytes(StandardCharsets.UTF_8),
                    CODEC.encode(new RatingEvent(1, 10 + o, 4.0, 1_700_000_000_000L))));
          }
        });
  }

  private static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void concurrencyOutOfRangeIsRejectedNamingTheValueAndTheRange() {
    RatingConsumerRuntime.Builder b = RatingConsumerRuntime.builder(template());
    assertThatThrownBy(() -> b.concurrency(0))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("concurrency")
        .hasMessageContaining("0")
        .hasMessageContaining("256");
    assertThatThrownBy(() -> b.concurrency(257)).hasMessageContaining("257");
    assertThatThrownBy(() -> b.stopTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("stopTimeout");
    assertThatThrownBy(() -> b.handler(null)).isInstanceOf(RatingsConfigException.class);
    assertThatThrownBy(() -> b.handlerFactory(null)).isInstanceOf(RatingsConfigException.class);
    assertThatThrownBy(() -> b.listener(null)).isInstanceOf(RatingsConfigException.class);
    assertThatThrownBy(() -> RatingConsumerRuntime.builder(null))
        .isInstanceOf(RatingsConfigException.class);
  }

  @Test
  void templateWithoutAGroupFailsAtBuild() {
    RatingConsumerBuilder noGroup = RatingConsumer.builder().bootstrapServers("localhost:9092");
    assertThatThrownBy(() -> RatingConsumerRuntime.builder(noGroup).build())
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("groupId");
  }

  @Test
  void membersAreNamedAfterTheClientIdOrTheGroup() {
    RatingConsumerBuilder t = template();
    assertThat(t.memberBaseName()).isEqualTo("g");
    t.property("client.id", "svc");
    assertThat(t.memberBaseName()).isEqualTo("svc");
    RatingConsumer member = t.buildMember("svc-3", null);
    member.close();
    assertThat(t.memberBaseName()).as("the template is left as it was").isEqualTo("svc");
  }

  @Test
  void stopBeforeStartEndsTheRuntimeAndItCannotBeStartedAfterwards() {
    RatingConsumerRuntime r = runtime(2, true).build();
    assertThat(r.state()).isEqualTo(ConsumerState.NEW);
    assertThat(r.health().live()).isFalse();
    assertThat(r.health().ready()).isFalse();
    assertThat(r.stop(Duration.ZERO)).isTrue();
    assertThat(r.state()).isEqualTo(ConsumerState.STOPPED);
    assertThat(r.results()).isEmpty();
    assertThatThrownBy(r::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STOPPED");
    assertThat(mocks).as("no consumer was created").isEmpty();
  }

  @Test
  void startTwiceIsIgnoredAndStopEndsEveryMemberWithItsResult() {
    List<String> transitions = new CopyOnWriteArrayList<>();
    AtomicInteger handled = new AtomicInteger();
    RatingConsumerRuntime r =
        runtime(2, true)
            .handler((e, ctx) -> handled.incrementAndGet())
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onStateChange(ConsumerState from, ConsumerState to) {
                    transitions.add(from + ">" + to);
                  }
                })
            .build();
    r.start();
    r.start();
    assertThat(r.state()).isEqualTo(ConsumerState.RUNNING);
    assertThat(mocks).hasSize(2);
    await("6 records handled", () -> handled.get() == 6);
    await("ready", () -> r.health().ready());
    assertThat(r.health().live()).isTrue();
    assertThat(r.health().members())
        .extracting(ConsumerHealth.Member::name)
        .containsExactly("g-0", "g-1");
    assertThat(r.stop(WAIT)).isTrue();
    assertThat(r.state()).isEqualTo(ConsumerState.STOPPED);
    assertThat(r.results()).hasSize(2).allMatch(MemberResult::isOk);
    assertThat(r.results())
        .allSatisfy(
            m ->
                assertThat(m.result().orElseThrow().stopReason())
                    .isEqualTo(ConsumerResult.StopReason.STOPPED));
    assertThat(r.stats().valid()).isEqualTo(6);
    assertThat(r.health().live()).isFalse();
    assertThat(transitions)
        .containsExactly(
            "NEW>STARTING", "STARTING>RUNNING", "RUNNING>STOPPING", "STOPPING>STOPPED");
    assertThatThrownBy(r::start).isInstanceOf(IllegalStateException.class);
    assertThat(r.stop(Duration.ZERO)).as("stop again: already ended").isTrue();
  }

  @Test
  void aMemberWhoseHandlerThrowsAnErrorFailsAloneAndIsReported() {
    List<MemberResult> ended = new CopyOnWriteArrayList<>();
    AtomicInteger handledBySecond = new AtomicInteger();
    RatingConsumerRuntime r =
        runtime(2, true)
            .handlerFactory(
                i ->
                    i == 0
                        ? (e, ctx) -> {
                          throw new AssertionError("simulated crash");
                        }
                        : (e, ctx) -> handledBySecond.incrementAndGet())
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onMemberEnded(MemberResult result) {
                    ended.add(result);
                  }
                })
            .build();
    r.start();
    await("member 0 failed", () -> r.health().members().get(0).state() == ConsumerState.FAILED);
    await("member 1 handled its records", () -> handledBySecond.get() == 3);
    ConsumerHealth h = r.health();
    assertThat(r.state()).isEqualTo(ConsumerState.RUNNING);
    assertThat(h.live()).as("a dead member makes the runtime not live").isFalse();
    assertThat(h.members().get(1).state()).isEqualTo(ConsumerState.RUNNING);
    assertThat(h.members().get(0).lastError().orElseThrow().type())
        .isEqualTo(AssertionError.class.getName());
    assertThat(h.lastError().orElseThrow().message()).contains("simulated crash");
    await("the listener heard of it", () -> !ended.isEmpty());
    assertThat(ended).hasSize(1);
    assertThat(ended.get(0).index()).isZero();
    assertThat(ended.get(0).isOk()).isFalse();
    assertThat(ended.get(0).result()).as("its run threw").isEmpty();

    assertThat(r.stop(WAIT)).isTrue();
    assertThat(r.state()).as("a member failed").isEqualTo(ConsumerState.FAILED);
    assertThat(r.results())
        .extracting(MemberResult::state)
        .containsExactly(ConsumerState.FAILED, ConsumerState.STOPPED);
  }

  @Test
  void aMemberStoppedByItsFailurePolicyIsReportedWithItsResult() {
    RatingConsumerRuntime r =
        runtime(2, true)
            .handlerFactory(
                i ->
                    (e, ctx) -> {
                      if (i == 1) {
                        throw new IllegalStateException("model unavailable");
                      }
                    })
            .build();
    r.start();
    await("member 1 failed", () -> r.health().members().get(1).state() == ConsumerState.FAILED);
    assertThat(r.state()).isEqualTo(ConsumerState.RUNNING);
    assertThat(r.health().members().get(0).state()).isEqualTo(ConsumerState.RUNNING);
    assertThat(r.health().live()).isFalse();
    assertThat(r.stop(WAIT)).isTrue();
    MemberResult failed = r.results().get(1);
    assertThat(failed.state()).isEqualTo(ConsumerState.FAILED);
    assertThat(failed.result().orElseThrow().stopReason())
        .isEqualTo(ConsumerResult.StopReason.HANDLER_FAILED);
    assertThat(failed.error().orElseThrow().type()).isEqualTo("HANDLER_FAILED");
    assertThat(failed.error().orElseThrow().message()).contains("model unavailable");
    assertThat(r.state()).isEqualTo(ConsumerState.FAILED);
  }

  @Test
  void readinessWaitsForEveryMembersAssignmentAnEmptyOneCounts() {
    RatingConsumerRuntime r = runtime(2, false).build();
    r.start();
    await(
        "both members polled",
        () -> r.health().members().stream().allMatch(m -> m.sinceLastPoll().isPresent()));
    assertThat(r.health().ready()).isFalse();
    assertThat(r.health().live()).isTrue();
    assign(mocks.get("g-0"), 0);
    await("member 0 assigned", () -> r.health().members().get(0).assigned());
    assertThat(r.health().ready()).as("member 1 has no assignment yet").isFalse();
    MockConsumer<byte[], byte[]> second = mocks.get("g-1");
    second.schedulePollTask(() -> second.rebalance(List.of()));
    await("ready with an empty assignment", () -> r.health().ready());
    assertThat(r.health().members().get(1).partitions()).isEmpty();
    assertThat(r.health().assignedPartitions())
        .extracting(PartitionProgress::partition)
        .containsExactly(0);
    r.stop(WAIT);
  }

  @Test
  void combinedStatsOfSummariesAddCountsUpAndTakeTheHighestPercentiles() {
    ConsumerStats a =
        new ConsumerStats(
            1L,
            Duration.ofSeconds(2),
            10,
            8,
            1,
            1,
            0,
            2,
            5.0,
            new LatencySummary(8, 10, 10, 20, 30, 40, 50),
            LatencySummary.EMPTY,
            new RatingDistribution(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 8L, 0L, 0L)),
            List.of(new PartitionProgress("t", 1, 5, 0)),
            new FailureStats(1, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0));
    ConsumerStats b =
        new ConsumerStats(
            1L,
            Duration.ofSeconds(4),
            30,
            30,
            0,
            0,
            0,
            0,
            7.5,
            new LatencySummary(24, 30, 5, 60, 70, 80, 90),
            LatencySummary.EMPTY,
            new RatingDistribution(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 30L)),
            List.of(new PartitionProgress("t", 0, 30, 3)),
            FailureStats.NONE);
    ConsumerStats c = CombinedStats.of(List.of(a, b));
    assertThat(c.received()).isEqualTo(40);
    assertThat(c.valid()).isEqualTo(38);
    assertThat(c.deadLettered()).isEqualTo(2);
    assertThat(c.elapsed()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.throughputPerSecond()).isEqualTo(10.0);
    assertThat(c.eventLatency().count()).isEqualTo(32);
    assertThat(c.eventLatency().meanMs()).isEqualTo((8 * 10 + 24 * 30) / 32.0);
    assertThat(c.eventLatency().p50Ms()).isEqualTo(10);
    assertThat(c.eventLatency().p99Ms()).isEqualTo(70);
    assertThat(c.eventLatency().maxMs()).isEqualTo(90);
    assertThat(c.recordLatency()).isEqualTo(LatencySummary.EMPTY);
    assertThat(c.ratingDistribution().total()).isEqualTo(38);
    assertThat(c.partitions()).extracting(PartitionProgress::partition).containsExactly(0, 1);
    assertThat(c.totalLag()).isEqualTo(3);
    assertThat(c.failures().handlerFailures()).isEqualTo(1);
    assertThat(c.failures().retries()).isEqualTo(2);
    assertThat(CombinedStats.of(List.of()).received()).isZero();
  }

  @Test
  void runtimeLatencyPercentilesAreThoseOfEveryMembersValuesTogether() {
    // member 0 reads 9 events 1 s old, member 1 one event 1,000 s old: over the 10 values the
    // median is about 1 s, where the highest of the members' medians would be 1,000 s
    long now = System.currentTimeMillis();
    RatingConsumerRuntime r =
        RatingConsumerRuntime.builder(template())
            .concurrency(2)
            .handler((e, ctx) -> {})
            .memberFactory(
                (name, handler) -> {
                  int member = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
                  int records = member == 0 ? 9 : 1;
                  long ageMs = member == 0 ? 1_000 : 1_000_000;
                  MockConsumer<byte[], byte[]> mock =
                      new MockConsumer<>(OffsetResetStrategy.EARLIEST);
                  TopicPartition tp = new TopicPartition("ratings", member);
                  mock.schedulePollTask(
                      () -> {
                        mock.rebalance(List.of(tp));
                        mock.updateBeginningOffsets(Map.of(tp, 0L));
                        mock.updateEndOffsets(Map.of(tp, (long) records));
                      });
                  mock.schedulePollTask(
                      () -> {
                        for (int o = 0; o < records; o++) {
                          mock.addRecord(
                              new ConsumerRecord<>(
                                  "ratings",
                                  member,
                                  o,
                                  "1".getBytes(StandardCharsets.UTF_8),
                                  CODEC.encode(new RatingEvent(1, 10 + o, 4.0, now - ageMs))));
                        }
                      });
                  return RatingConsumer.builder()
                      .groupId("g")
                      .property("client.id", name)
                      .handler(handler)
                      .build(mock, null);
                })
            .build();
    r.start();
    await("10 records handled", () -> r.stats().valid() == 10);
    assertThat(r.stop(WAIT)).isTrue();
    LatencySummary latency = r.stats().eventLatency();
    assertThat(latency.count()).isEqualTo(10);
    assertThat(latency.p50Ms()).isBetween(1_000.0, 100_000.0);
    assertThat(latency.p95Ms()).isGreaterThanOrEqualTo(1_000_000.0);
    assertThat(latency.maxMs()).isGreaterThanOrEqualTo(1_000_000.0);
    assertThat(latency.meanMs()).isBetween(100_000.0, 200_000.0);
  }

  @Test
  void shutdownHookIsRegisteredOnStartAndRemovedOnStop() {
    RatingConsumerRuntime r = runtime(1, true).shutdownHook(true).build();
    assertThat(r.shutdownHook()).isNull();
    r.start();
    Thread hook = r.shutdownHook();
    assertThat(hook).isNotNull();
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("registered").isTrue();
    Runtime.getRuntime().addShutdownHook(hook);
    assertThat(r.stop(WAIT)).isTrue();
    assertThat(r.shutdownHook()).isNull();
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("removed by stop").isFalse();
  }

  @Test
  void withoutTheOptionNoShutdownHookIsRegistered() {
    RatingConsumerRuntime r = runtime(1, true).build();
    r.start();
    assertThat(r.shutdownHook()).isNull();
    r.stop(WAIT);
  }
}
