package io.recsys.ratings.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsys.ratings.client.consumer.PartitionProgress;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import io.recsys.ratings.client.consumer.RecordKind;
import io.recsys.ratings.client.consumer.RecordOutcome;
import io.recsys.ratings.client.producer.SendOutcome;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The meters of {@link ConsumerMetrics} and {@link ProducerMetrics}, fed directly. */
class ConsumerMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double records(String outcome, String kind) {
    var c =
        registry
            .find(MeterNames.CONSUMER_RECORDS)
            .tags(MeterNames.OUTCOME, outcome, MeterNames.KIND, kind)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void countsEachOutcomeByKindAndTimesTheHandler() {
    ConsumerMetrics m =
        ConsumerMetrics.create(registry, MeterOptions.defaults().clientId("c1").percentiles(0.5));
    for (int i = 0; i < 5; i++) {
      m.onRecord("ratings", 0, RecordOutcome.HANDLED, RecordKind.VALID, 2_000_000);
    }
    m.onRecord("ratings", 1, RecordOutcome.HANDLER_FAILED, RecordKind.PROCESSING_ERROR, 1_000);
    m.onRecord("ratings", 1, RecordOutcome.HANDLER_FAILED, RecordKind.PROCESSING_ERROR, 1_000);
    m.onRecord("ratings", 1, RecordOutcome.DEAD_LETTERED, RecordKind.PROCESSING_ERROR, -1);
    m.onRecord("ratings", 2, RecordOutcome.DEAD_LETTERED, RecordKind.MALFORMED, -1);
    m.onRecord("ratings", 2, RecordOutcome.DROPPED, RecordKind.INVALID, -1);
    m.onRecord("ratings", 2, RecordOutcome.SKIPPED, RecordKind.PROCESSING_ERROR, -1);

    assertThat(records("handled", "valid")).isEqualTo(5);
    assertThat(records("dead_lettered", "processing_error")).isEqualTo(1);
    assertThat(records("dead_lettered", "malformed")).isEqualTo(1);
    assertThat(records("dropped", "invalid")).isEqualTo(1);
    assertThat(records("skipped", "processing_error")).isEqualTo(1);
    assertThat(records("handler_failed", "processing_error")).isZero(); // not a final outcome
    assertThat(registry.get(MeterNames.CONSUMER_HANDLER_FAILURES).counter().count()).isEqualTo(2);

    Timer handled =
        registry
            .get(MeterNames.CONSUMER_HANDLE_LATENCY)
            .tags(MeterNames.OUTCOME, "handled", MeterNames.CLIENT_ID, "c1")
            .timer();
    assertThat(handled.count()).isEqualTo(5);
    assertThat(handled.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10.0);
    ValueAtPercentile[] p = handled.takeSnapshot().percentileValues();
    assertThat(p).hasSize(1);
    assertThat(p[0].percentile()).isEqualTo(0.5);
    assertThat(
            registry
                .get(MeterNames.CONSUMER_HANDLE_LATENCY)
                .tags(MeterNames.OUTCOME, "failed")
                .timer()
                .count())
        .isEqualTo(2);
  }

  @Test
  void keepsALagGaugePerAssignedPartitionAndDropsRevokedOnes() {
    ConsumerMetrics m = ConsumerMetrics.create(registry, MeterOptions.defaults());
    m.onPartitions(
        List.of(
            new PartitionProgress("ratings", 0, 10, 5),
            new PartitionProgress("ratings", 1, 0, -1)));
    assertThat(lag(0)).isEqualTo(5.0);
    assertThat(lag(1)).isNaN(); // not known yet
    m.onPartitions(List.of(new PartitionProgress("ratings", 0, 15, 0)));
    assertThat(lag(0)).isZero();
    assertThat(registry.find(MeterNames.CONSUMER_LAG).tags(MeterNames.PARTITION, "1").gauge())
        .isNull();
  }

  @Test
  void oneInstanceSharedByARuntimesMembersKeepsEveryPartitionsGaugeWithTheMemberThatHasIt()
      throws Exception {
    ConsumerMetrics m = ConsumerMetrics.create(registry, MeterOptions.defaults());
    // each member reports from its own thread, as a runtime's members do
    ExecutorService member0 = Executors.newSingleThreadExecutor();
    ExecutorService member1 = Executors.newSingleThreadExecutor();
    try {
      sharedByTwoThreads(m, member0, member1);
    } finally {
      member0.shutdownNow();
      member1.shutdownNow();
    }
  }

  private void sharedByTwoThreads(
      ConsumerMetrics m, ExecutorService member0, ExecutorService member1) throws Exception {
    on(member0, () -> m.onPartitions(List.of(progress(0, 3), progress(1, 4))));
    on(member1, () -> m.onPartitions(List.of(progress(2, 5), progress(3, 6))));
    on(member0, () -> m.onPartitions(List.of(progress(0, 1), progress(1, 2))));
    assertThat(lagPartitions()).containsExactlyInAnyOrder("0", "1", "2", "3");
    assertThat(lag(0)).isEqualTo(1.0);
    assertThat(lag(3)).isEqualTo(6.0);

    // a rebalance moves partition 1 to member 1, which reports before member 0 does
    on(member1, () -> m.onPartitions(List.of(progress(1, 7), progress(2, 0), progress(3, 0))));
    on(member0, () -> m.onPartitions(List.of(progress(0, 0))));
    assertThat(lagPartitions()).containsExactlyInAnyOrder("0", "1", "2", "3");
    assertThat(lag(1)).isEqualTo(7.0);

    // member 0 leaves the group without a partition: only its own gauge goes
    on(member0, () -> m.onPartitions(List.of()));
    assertThat(lagPartitions()).containsExactlyInAnyOrder("1", "2", "3");
  }

  @Test
  void bindingTheKafkaMetricsOfARuntimeBeforeItStartsFailsClearly() {
    ConsumerMetrics metrics =
        ConsumerMetrics.create(new SimpleMeterRegistry(), MeterOptions.defaults());
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(
                RatingConsumer.builder()
                    .bootstrapServers("localhost:9")
                    .groupId("g")
                    .handler((event, context) -> {}))
            .build();
    assertThatThrownBy(() -> metrics.bindKafkaClientMetrics(runtime))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
  }

  private static PartitionProgress progress(int partition, long lag) {
    return new PartitionProgress("ratings", partition, 100, lag);
  }

  /** Runs {@code action} on the member's thread and waits for it. */
  private static void on(ExecutorService member, Runnable action) throws Exception {
    member.submit(action).get(10, TimeUnit.SECONDS);
  }

  private List<String> lagPartitions() {
    return registry.find(MeterNames.CONSUMER_LAG).gauges().stream()
        .map(g -> g.getId().getTag(MeterNames.PARTITION))
        .toList();
  }

  private double lag(int partition) {
    return registry
        .get(MeterNames.CONSUMER_LAG)
        .tags(MeterNames.PARTITION, Integer.toString(partition))
        .gauge()
        .value();
  }

  @Test
  void closeRemovesTheMetersAndIgnoresLaterCalls() {
    ConsumerMetrics m = ConsumerMetrics.create(registry, MeterOptions.defaults());
    m.onRecord("ratings", 0, RecordOutcome.HANDLED, RecordKind.VALID, 1);
    m.onPartitions(List.of(new PartitionProgress("ratings", 0, 1, 0)));
    assertThat(registry.getMeters()).isNotEmpty();
    m.close();
    assertThat(registry.getMeters()).isEmpty();
    m.onRecord("ratings", 0, RecordOutcome.HANDLED, RecordKind.VALID, 1);
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void producerCountsSendsByOutcomeAndTimesAcknowledgedOnes() {
    ProducerMetrics m = ProducerMetrics.create(registry, MeterOptions.defaults().clientId("p"));
    m.onSend("ratings", SendOutcome.Status.ACKNOWLEDGED, 0, 3_000_000);
    m.onSend("ratings", SendOutcome.Status.ACKNOWLEDGED, 1, 1_000_000);
    m.onSend("ratings", SendOutcome.Status.REJECTED, -1, -1);
    m.onSend("ratings", SendOutcome.Status.FAILED, -1, -1);
    assertThat(sends("acknowledged")).isEqualTo(2);
    assertThat(sends("rejected")).isEqualTo(1);
    assertThat(sends("failed")).isEqualTo(1);
    Timer t = registry.get(MeterNames.PRODUCER_SEND_LATENCY).timer();
    assertThat(t.count()).isEqualTo(2);
    assertThat(t.max(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
    assertThat(t.takeSnapshot().percentileValues()).hasSize(3); // the default percentiles
  }

  private double sends(String outcome) {
    return registry
        .get(MeterNames.PRODUCER_SENDS)
        .tags(MeterNames.OUTCOME, outcome)
        .counter()
        .count();
  }

  @Test
  void optionsNameTheBadValue() {
    assertThatThrownBy(() -> MeterOptions.defaults().percentiles(0.5, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> MeterOptions.defaults().clientId(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientId");
  }
}
