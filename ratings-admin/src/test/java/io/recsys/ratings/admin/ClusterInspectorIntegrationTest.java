package io.recsys.ratings.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationTest
@WithKafka
class ClusterInspectorIntegrationTest {

  private ClusterInspector inspector;

  @BeforeEach
  void connect(KafkaCluster kafka) {
    inspector =
        ClusterInspector.create(
            AdminSettings.builder()
                .clientProperties(kafka.clientProperties())
                .timeout(Duration.ofSeconds(20))
                .build());
  }

  @AfterEach
  void disconnect() {
    inspector.close();
  }

  /** Sends {@code counts[p]} records to partition {@code p} of the topic. */
  private static void produce(KafkaCluster kafka, String topic, int... counts) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int p = 0; p < counts.length; p++) {
        for (int i = 0; i < counts[p]; i++) {
          byte[] value = ("r" + p + "-" + i).getBytes(StandardCharsets.UTF_8);
          producer.send(new ProducerRecord<>(topic, p, null, value));
        }
      }
      producer.flush();
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaCluster kafka, String groupId) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props);
  }

  @Test
  void describesPartitionsOffsetsAndRecordCounts(KafkaCluster kafka) {
    kafka.createTopic("inspected", 3, 1, Map.of("retention.ms", "3600000"));
    produce(kafka, "inspected", 5, 0, 12);

    TopicDetails details = inspector.describeTopic("inspected");

    assertThat(details.partitionCount()).isEqualTo(3);
    assertThat(details.replicationFactor()).isEqualTo(1);
    assertThat(details.internal()).isFalse();
    assertThat(details.configs()).containsExactlyEntriesOf(Map.of("retention.ms", "3600000"));
    assertThat(details.partitions())
        .extracting(PartitionDetails::partition)
        .containsExactly(0, 1, 2);
    assertThat(details.partitions())
        .extracting(PartitionDetails::latestOffset)
        .containsExactly(5L, 0L, 12L);
    assertThat(details.partitions()).extracting(PartitionDetails::earliestOffset).containsOnly(0L);
    assertThat(details.recordCountEstimate()).isEqualTo(17);
    assertThat(details.partitions())
        .allSatisfy(
            p -> {
              assertThat(p.leader()).isNotEqualTo(PartitionDetails.NO_LEADER);
              assertThat(p.replicas()).containsExactly(p.leader());
              assertThat(p.isr()).containsExactly(p.leader());
            });
    assertThat(kafka.endOffsets("inspected").values()).containsExactlyInAnyOrder(5L, 0L, 12L);
    assertThat(details.toTable())
        .startsWith("Topic: inspected")
        .contains("PartitionCount: 3")
        .contains("retention.ms=3600000")
        .contains("LATEST");
  }

  @Test
  void lagFiguresMatchWhatTheGroupReallyCommitted(KafkaCluster kafka) {
    kafka.createTopic("lagged", 3, 1);
    produce(kafka, "lagged", 10, 20, 30);
    TopicPartition p0 = new TopicPartition("lagged", 0);
    TopicPartition p1 = new TopicPartition("lagged", 1);
    Map<TopicPartition, OffsetAndMetadata> commits =
        Map.of(p0, new OffsetAndMetadata(4), p1, new OffsetAndMetadata(20));
    Map<TopicPartition, OffsetAndMetadata> committedByConsumer;
    Map<TopicPartition, Long> endByConsumer;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, "lag-group")) {
      consumer.assign(List.of(p0, p1));
      consumer.commitSync(commits, Duration.ofSeconds(10));
      committedByConsumer = consumer.committed(Set.of(p0, p1), Duration.ofSeconds(10));
      endByConsumer = consumer.endOffsets(List.of(p0, p1), Duration.ofSeconds(10));
    }

    // tag::inspect[]
    ConsumerGroupDetails group = inspector.describeGroup("lag-group");
    long totalLag = group.totalLag(); // sum over partitions of end offset - committed offset
    String report = group.toTable(); // like kafka-consumer-groups --describe
    // end::inspect[]

    assertThat(group.partitions()).extracting(PartitionLag::topicPartition).containsExactly(p0, p1);
    for (PartitionLag row : group.partitions()) {
      TopicPartition tp = row.topicPartition();
      assertThat(row.committedOffset()).isEqualTo(committedByConsumer.get(tp).offset());
      assertThat(row.endOffset()).isEqualTo(endByConsumer.get(tp));
      assertThat(row.lag()).isEqualTo(endByConsumer.get(tp) - committedByConsumer.get(tp).offset());
    }
    assertThat(group.partitions()).extracting(PartitionLag::lag).containsExactly(6L, 0L);
    assertThat(totalLag).isEqualTo(6);
    assertThat(group.lagByTopic()).containsExactlyEntriesOf(Map.of("lagged", 6L));
    assertThat(kafka.committedOffsets("lag-group", "lagged")).containsEntry(p0, 4L);
    assertThat(group.state()).isEqualTo("EMPTY");
    assertThat(group.members()).isEmpty();
    assertThat(report).contains("TotalLag: 6").contains("LOG-END-OFFSET");
  }

  @Test
  void describesAnActiveGroupWithItsMemberAndAssignment(KafkaCluster kafka) {
    kafka.createTopic("watched", 2, 1);
    produce(kafka, "watched", 3, 4);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, "active-group")) {
      consumer.subscribe(List.of("watched"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int read = 0;
      while (read < 7 && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertThat(read).as("records read within 30 s").isEqualTo(7);
      consumer.commitSync(Duration.ofSeconds(10));

      ConsumerGroupDetails group = inspector.describeGroup("active-group");

      assertThat(group.state()).isEqualTo("STABLE");
      assertThat(group.members()).hasSize(1);
      GroupMember member = group.members().get(0);
      assertThat(member.assignment())
          .containsExactlyInAnyOrder(
              new TopicPartition("watched", 0), new TopicPartition("watched", 1));
      assertThat(group.partitions())
          .allSatisfy(
              p -> {
                assertThat(p.lag()).isZero();
                assertThat(p.memberId()).contains(member.memberId());
              });
      assertThat(group.totalLag()).isZero();
    }
  }

  @Test
  void unknownGroupIsDeadAndUnknownTopicIsAClearError() {
    assertThat(inspector.describeGroup("nobody-here").state()).isEqualTo("DEAD");
    assertThat(inspector.describeGroup("nobody-here").partitions()).isEmpty();
    assertThatThrownBy(() -> inspector.describeTopic("no-such-topic"))
        .isInstanceOf(RatingsAdminException.class)
        .hasMessageContaining("no-such-topic");
  }
}
