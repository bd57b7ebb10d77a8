package io.recsys.ratings.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.WithKafka;
import io.recsys.ratings.testkit.internal.BrokerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** The brokers of this run: the project's Kafka version, in the broker process. */
@IntegrationTest
@WithKafka
class BrokerProcessIntegrationTest {

  @Test
  void brokersRunTheProjectsKafkaWhileTheTestsUseThePinnedClients(EmbeddedKafka kafka) {
    assertThat(System.getProperty(EmbeddedKafka.BROKER_PROPERTY)).isEqualTo("process");
    assertThat(BrokerProcess.shared().kafkaVersion())
        .isEqualTo(System.getProperty("ratings.compat.broker.kafka.version"))
        .isNotEqualTo(AppInfoParser.getVersion());

    kafka.createTopic("compat-round-trip", 2, 1);
    kafka.produce("compat-round-trip", null, "on 3.9".getBytes(StandardCharsets.UTF_8));
    assertThat(kafka.awaitRecords("compat-round-trip", 1, Duration.ofSeconds(30)))
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactly("on 3.9");
  }
}
