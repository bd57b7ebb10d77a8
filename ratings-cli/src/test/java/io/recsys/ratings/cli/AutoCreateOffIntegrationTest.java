package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import org.junit.jupiter.api.Test;

/** Bad configuration: topics that do not exist on a broker that does not auto-create them. */
@IntegrationTest
@WithKafka(brokerConfig = "auto.create.topics.enable=false")
class AutoCreateOffIntegrationTest {

  @Test
  void produceToAnUnknownTopicFailsWithAClearMessage(KafkaCluster kafka) {
    CliResult result =
        CliResult.run(
            "produce", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "nope");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("Topic 'nope' does not exist on " + kafka.bootstrapServers())
        .contains("auto.create.topics.enable=false")
        .contains("ratings create-topics");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void consumeOfAnUnknownTopicFailsWithAClearMessage(KafkaCluster kafka) {
    CliResult result =
        CliResult.run(
            "consume", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "nope");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("Topic 'nope' does not exist");
  }

  @Test
  void verifyReportsMissingTopicsWithANonZeroExit(KafkaCluster kafka) {
    CliResult result =
        CliResult.run(
            "verify", "--bootstrap-servers", kafka.bootstrapServers(), "--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.json().get("ok").asBoolean()).isFalse();
    assertThat(result.json().get("problems").toString())
        .contains("topic 'ratings' is missing")
        .contains("topic 'ratings.dlq' is missing");
    assertThat(result.json().get("topics").get(0).get("status").asText()).isEqualTo("MISSING");
  }
}
