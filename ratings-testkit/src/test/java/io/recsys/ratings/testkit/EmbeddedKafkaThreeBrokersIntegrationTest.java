package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

@IntegrationTest
@WithKafka(brokers = 3)
class EmbeddedKafkaThreeBrokersIntegrationTest {

  @Test
  void replicatedTopicKeepsServingWhileOneBrokerIsDown(EmbeddedKafka kafka) throws Exception {
    assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
    kafka.createTopic("replicated", 3, 3, Map.of("min.insync.replicas", "2"));
    assertThat(replicaCounts(kafka)).containsOnly(3);
    for (int i = 0; i < 30; i++) {
      kafka.produce("replicated", key(i), bytes("before-" + i));
    }

    kafka.stopBroker(1);
    try {
      assertThat(kafka.isRunning(1)).isFalse();
      for (int i = 0; i < 30; i++) {
        kafka.produce("replicated", key(i), bytes("during-" + i));
      }
      List<ConsumerRecord<byte[], byte[]>> during =
          kafka.awaitRecords("replicated", 60, Duration.ofSeconds(30));
      assertThat(during).hasSize(60);
      assertThat(liveBrokerIds(kafka)).containsExactlyInAnyOrder(0, 2);
    } finally {
      kafka.startBroker(1);
    }

    kafka.produce("replicated", key(0), bytes("after"));
    List<ConsumerRecord<byte[], byte[]>> all =
        kafka.awaitRecords("replicated", 61, Duration.ofSeconds(30));
    assertThat(all).hasSize(61);
    assertThat(all.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
        .contains("before-0", "during-29", "after");
  }

  @Test
  void everyBrokerCanBeRestartedInTurn(EmbeddedKafka kafka) {
    kafka.createTopic("rolling", 1, 3, Map.of("min.insync.replicas", "2"));
    for (int b = 0; b < kafka.brokerCount(); b++) {
      kafka.restartBroker(b);
      kafka.produce("rolling", null, bytes("after-restart-of-" + b));
    }
    assertThat(kafka.awaitRecords("rolling", 3, Duration.ofSeconds(30))).hasSize(3);
  }

  private static Set<Integer> replicaCounts(KafkaCluster kafka) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      TopicDescription d =
          admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated");
      return d.partitions().stream().map(p -> p.replicas().size()).collect(Collectors.toSet());
    }
  }

  private static Set<Integer> liveBrokerIds(KafkaCluster kafka) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      return admin.describeCluster().nodes().get().stream()
          .map(Node::id)
          .collect(Collectors.toSet());
    }
  }

  private static byte[] key(int i) {
    return bytes(Integer.toString(i));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
