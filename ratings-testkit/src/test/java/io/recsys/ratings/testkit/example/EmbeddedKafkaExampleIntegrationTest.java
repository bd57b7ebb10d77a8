package io.recsys.ratings.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The testkit without JUnit's extension, as docs/testkit.md shows it (region "embedded"): a
 * three-broker cluster that keeps serving while one broker is stopped.
 */
@IntegrationTest
class EmbeddedKafkaExampleIntegrationTest {

  @Test
  void threeBrokersKeepServingWhileOneIsStopped() {
    byte[] value = "written while broker 1 was down".getBytes(StandardCharsets.UTF_8);
    // tag::embedded[]
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokers(3).start()) {
      kafka.createTopic("ratings", 3, 3, Map.of("min.insync.replicas", "2"));
      kafka.stopBroker(1); // the other two keep serving; data and port are kept
      kafka.produce("ratings", null, value);
      kafka.startBroker(1); // or restartBroker(1)
      assertThat(kafka.awaitRecords("ratings", 1, Duration.ofSeconds(30))).hasSize(1);
    }
    // end::embedded[]
  }
}
