package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** The replay's consumer is created whichever group protocol the user's settings choose. */
class DlqClientsTest {

  @Test
  void theReplaysGroupConsumerIsCreatedWithTheConsumerGroupProtocol() {
    ClientSettings settings =
        new ClientSettings("localhost:9", Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "CONSUMER"));
    // Kafka refuses session.timeout.ms and heartbeat.interval.ms with this protocol
    try (KafkaConsumer<byte[], byte[]> c =
        DlqClients.consumer(settings, "replay-test", "replay-group", 10)) {
      assertThat(c).isNotNull();
    }
  }

  @Test
  void theClassicProtocolIsKafkasDefault() {
    assertThat(DlqClients.classicProtocol(Map.of())).isTrue();
    assertThat(DlqClients.classicProtocol(Map.of("group.protocol", "classic"))).isTrue();
    assertThat(DlqClients.classicProtocol(Map.of("group.protocol", " consumer "))).isFalse();
  }
}
