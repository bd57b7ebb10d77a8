package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@IntegrationTest
@WithKafka(brokerConfig = "auto.create.topics.enable=false")
class EmbeddedKafkaSingleBrokerIntegrationTest {

  private static KafkaCluster classCluster;
  private final KafkaCluster kafka;

  EmbeddedKafkaSingleBrokerIntegrationTest(KafkaCluster kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void clusterIsInjectedIntoBeforeAll(KafkaCluster kafka) {
    classCluster = kafka;
    assertThat(kafka).isInstanceOf(EmbeddedKafka.class);
    assertThat(kafka.brokerCount()).isEqualTo(1);
    assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
  }

  @Test
  void sameClusterIsSharedByTheWholeClass(KafkaCluster injected) {
    assertThat(injected).isSameAs(kafka);
  }

  @Test
  void producedRecordsAreReadBackAcrossPartitions() {
    kafka.createTopic("round-trip", 3, 1);
    for (int i = 0; i < 100; i++) {
      kafka.produce("round-trip", key(i), value("event-" + i));
    }

    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.awaitRecords("round-trip", 100, Duration.ofSeconds(20));

    assertThat(records).hasSize(100);
    assertThat(records.stream().map(r -> r.partition()).collect(Collectors.toSet()))
        .hasSizeGreaterThan(1);
    assertThat(records.stream().map(r -> text(r.value())).collect(Collectors.toSet()))
        .contains("event-0", "event-99")
        .hasSize(100);
    assertThat(kafka.endOffsets("round-trip").values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(100);
  }

  @Test
  void awaitRecordsSaysHowManyItSawWhenTooFewArrive() {
    kafka.createTopic("too-few", 1, 1);
    kafka.produce("too-few", null, value("only one"));

    assertThatThrownBy(() -> kafka.awaitRecords("too-few", 3, Duration.ofMillis(1500)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected 3 records in too-few, got 1 after 1.");
  }

  @Test
  void createTopicRefusesAnExistingTopicByName() {
    kafka.createTopic("twice", 1, 1);

    assertThatThrownBy(() -> kafka.createTopic("twice", 1, 1))
        .isInstanceOf(KafkaTestkitException.class)
        .hasMessageContaining("twice already exists");
  }

  @Test
  void createTopicRejectsReplicationAboveBrokerCount() {
    assertThatThrownBy(() -> kafka.createTopic("rf-too-high", 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..1")
        .hasMessageContaining("got 2");
  }

  @Test
  void committedOffsetsAndLagFollowAConsumerGroup() {
    kafka.createTopic("lagging", 2, 1);
    for (int i = 0; i < 10; i++) {
      kafka.produce("lagging", key(i), value("v" + i));
    }
    assertThat(kafka.lag("readers", "lagging")).isEqualTo(10);
    assertThat(kafka.committedOffsets("readers", "lagging")).isEmpty();

    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "readers");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition p0 = new TopicPartition("lagging", 0);
      consumer.assign(Set.of(p0));
      consumer.commitSync(Map.of(p0, new OffsetAndMetadata(1)));
    }

    assertThat(kafka.committedOffsets("readers", "lagging"))
        .containsExactly(Map.entry(new TopicPartition("lagging", 0), 1L));
    assertThat(kafka.lag("readers", "lagging")).isEqualTo(9);
  }

  @Test
  void dataSurvivesABrokerRestartOnTheSamePort() {
    kafka.createTopic("durable", 2, 1);
    for (int i = 0; i < 20; i++) {
      kafka.produce("durable", key(i), value("before-" + i));
    }
    String bootstrap = kafka.bootstrapServers();

    kafka.restartBroker(0);
    kafka.produce("durable", key(99), value("after"));

    assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.awaitRecords("durable", 21, Duration.ofSeconds(20));
    assertThat(records).hasSize(21);
    assertThat(records.stream().map(r -> text(r.value()))).contains("before-0", "after");
  }

  @Test
  void stoppedBrokerComesBackWithItsData() {
    kafka.createTopic("stop-start", 1, 1);
    kafka.produce("stop-start", null, value("kept"));
    EmbeddedKafka embedded = (EmbeddedKafka) kafka;

    embedded.stopBroker(0);
    assertThat(embedded.isRunning(0)).isFalse();
    embedded.startBroker(0);

    assertThat(embedded.isRunning(0)).isTrue();
    assertThat(kafka.awaitRecords("stop-start", 1, Duration.ofSeconds(20)))
        .extracting(r -> text(r.value()))
        .containsExactly("kept");
  }

  @Test
  void brokerIndexOutsideTheClusterIsRejected() {
    assertThatThrownBy(() -> kafka.stopBroker(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("broker index must be in 0..0, got 1");
  }

  @Nested
  class NestedTests {
    @Test
    void nestedClassesShareTheOuterCluster(KafkaCluster nested) {
      assertThat(nested).isSameAs(classCluster).isSameAs(kafka);
    }
  }

  private static byte[] key(int i) {
    return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
