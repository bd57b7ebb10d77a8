package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs against a real container on a machine with Docker; without Docker the extension skips it
 * (JUnit assumption), with the reason in the report.
 */
@IntegrationTest
@WithKafka(type = WithKafka.Type.CONTAINER)
class ContainerKafkaRoundTripIntegrationTest {

  @Test
  void roundTripThroughAContainer(KafkaCluster kafka) {
    assertThat(kafka).isInstanceOf(ContainerKafka.class);
    kafka.createTopic("container-round-trip", 1, 1);
    kafka.produce("container-round-trip", null, new byte[] {1});

    assertThat(kafka.awaitRecords("container-round-trip", 1, Duration.ofSeconds(30))).hasSize(1);
    assertThatThrownBy(() -> kafka.restartBroker(0))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("use EmbeddedKafka");
  }
}
