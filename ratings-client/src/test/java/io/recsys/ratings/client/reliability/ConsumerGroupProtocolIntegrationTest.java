package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.groupType;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;

/**
 * A single {@link RatingConsumer} with Kafka's consumer rebalance protocol ({@code
 * group.protocol=consumer}): dead letters and commits work as with the classic one. The runtime's
 * sharing and readiness run with both protocols in {@link ConsumerRuntimeIntegrationTest}.
 */
@IntegrationTest
@WithKafka
class ConsumerGroupProtocolIntegrationTest {

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
        consumer(kafka, topic, group)
            .property(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer")
            .deadLetterTopic(dlq)
            .maxMessages(valid + malformed)
            .idleTimeout(Duration.ofSeconds(60))
            .handler((event, ctx) -> handled.incrementAndGet())
            .build()) {
      result = c.run();
    }
    assertThat(groupType(kafka, group)).isEqualTo(GroupType.CONSUMER);
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
