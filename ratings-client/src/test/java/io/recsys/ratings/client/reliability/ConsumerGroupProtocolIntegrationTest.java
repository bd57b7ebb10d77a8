package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.everyRecord;
import static io.recsys.ratings.client.reliability.Fixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerHealth;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerState;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.client.consumer.MemberResult;
import io.recsys.ratings.client.consumer.PartitionProgress;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;

/**
 * The consumer and the runtime with Kafka's consumer rebalance protocol ({@code
 * group.protocol=consumer}, where the broker assigns the partitions and members reconcile at their
 * heartbeats) instead of the classic one: members share the partitions, readiness follows the
 * assignment (an empty one included), a clean stop handles every record once, dead letters and
 * commits work as with the classic protocol.
 */
@IntegrationTest
@WithKafka
class ConsumerGroupProtocolIntegrationTest {
  private static final Duration LONG = Duration.ofSeconds(90);

  private static void await(String what, BooleanSupplier condition) {
    Fixtures.await(what, condition, LONG);
  }

  private static RatingConsumerBuilder consumerProtocol(
      KafkaCluster kafka, String topic, String group) {
    return consumer(kafka, topic, group).property(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
  }

  private static GroupType groupType(KafkaCluster kafka, String group) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      return admin
          .describeConsumerGroups(List.of(group))
          .all()
          .get(30, TimeUnit.SECONDS)
          .get(group)
          .type();
    } catch (Exception e) {
      throw new AssertionError("cannot describe group " + group, e);
    }
  }

  @Test
  void threeMembersShareSixPartitionsBecomeReadyAndHandleEveryRecordOnce(KafkaCluster kafka) {
    String topic = "gp-share";
    String group = "g-gp-share";
    int n = 3_000;
    kafka.createTopic(topic, 6, 1);
    Fixtures.sendUnique(kafka, topic, n);
    Map<String, Integer> handledBy = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(consumerProtocol(kafka, topic, group))
            .concurrency(3)
            .handlerFactory(
                member ->
                    (event, ctx) -> {
                      if (handledBy.put(key(ctx.partition(), ctx.offset()), member) != null) {
                        duplicates.incrementAndGet();
                      }
                    })
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
          });
      assertThat(samples.get(0).ready()).as("just started: no assignment yet").isFalse();
      await("every record handled", () -> handledBy.size() >= n);
      await(
          "every member holds two of the six partitions",
          () -> runtime.health().members().stream().allMatch(m -> m.partitions().size() == 2));
      assertThat(groupType(kafka, group))
          .as("the group runs the consumer protocol")
          .isEqualTo(GroupType.CONSUMER);
      ConsumerHealth health = runtime.health();
      assertThat(health.ready()).isTrue();
      assertThat(health.live()).isTrue();
      assertThat(health.assignedPartitions())
          .extracting(PartitionProgress::partition)
          .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    } finally {
      assertThat(runtime.stop(LONG)).as("stopped within its timeout").isTrue();
    }
    assertThat(runtime.state()).isEqualTo(ConsumerState.STOPPED);
    assertThat(runtime.results()).hasSize(3).allMatch(MemberResult::isOk);
    assertThat(duplicates).hasValue(0);
    assertThat(handledBy.keySet()).isEqualTo(everyRecord(kafka, topic));
    assertThat(kafka.committedOffsets(group, topic)).isEqualTo(kafka.endOffsets(topic));
  }

  @Test
  void aMemberWithoutAPartitionCountsAsAssignedOnceTheGroupHasReconciled(KafkaCluster kafka) {
    String topic = "gp-ready";
    kafka.createTopic(topic, 2, 1);
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(consumerProtocol(kafka, topic, "g-gp-ready"))
            .concurrency(3)
            .build();
    runtime.start();
    try {
      await("ready", () -> runtime.health().ready());
      await(
          "the two partitions assigned",
          () ->
              runtime.health().members().stream().mapToInt(m -> m.partitions().size()).sum() == 2);
      ConsumerHealth ready = runtime.health();
      assertThat(ready.members()).allMatch(ConsumerHealth.Member::assigned);
      assertThat(ready.members())
          .as("three members, two partitions: one has none and counts as assigned")
          .anyMatch(m -> m.partitions().isEmpty());
    } finally {
      assertThat(runtime.stop(LONG)).isTrue();
    }
    assertThat(runtime.health().ready()).isFalse();
  }

  @Test
  void aSingleConsumerDeadLettersMalformedRecordsAndCommitsEverything(KafkaCluster kafka) {
    String topic = "gp-dlq";
    String dlq = "gp-dlq.dlq";
    String group = "g-gp-dlq";
    kafka.createTopic(topic, 3, 1);
    kafka.createTopic(dlq, 1, 1);
    int valid = 200;
    int malformed = 5;
    Fixtures.sendUnique(kafka, topic, valid);
    for (int i = 0; i < malformed; i++) {
      kafka.produce(topic, null, ("not json " + i).getBytes(StandardCharsets.UTF_8));
    }
    AtomicInteger handled = new AtomicInteger();
    ConsumerResult result;
    try (RatingConsumer c =
        consumerProtocol(kafka, topic, group)
            .deadLetterTopic(dlq)
            .maxMessages(valid + malformed)
            .idleTimeout(Duration.ofSeconds(60))
            .handler((event, ctx) -> handled.incrementAndGet())
            .build()) {
      result = c.run();
    }
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    assertThat(handled).hasValue(valid);
    assertThat(result.stats().malformed()).isEqualTo(malformed);
    assertThat(result.stats().deadLettered()).isEqualTo(malformed);
    assertThat(kafka.awaitRecords(dlq, malformed, Duration.ofSeconds(30)))
        .hasSize(malformed)
        .allSatisfy(r -> assertThat(r.headers().lastHeader(DeadLetterHeaders.KIND)).isNotNull());
    assertThat(kafka.committedOffsets(group, topic)).isEqualTo(kafka.endOffsets(topic));
  }
}
