package io.recsys.ratings.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPropertiesTest {

  @Test
  void recognisesSecrets() {
    assertThat(KafkaProperties.isSensitive("sasl.jaas.config")).isTrue();
    assertThat(KafkaProperties.isSensitive("ssl.key.password")).isTrue();
    assertThat(KafkaProperties.isSensitive("ssl.keystore.password")).isTrue();
    assertThat(KafkaProperties.isSensitive("ssl.truststore.password")).isTrue();
    assertThat(KafkaProperties.isSensitive("sasl.oauthbearer.client.credentials.client.secret"))
        .isTrue();
    assertThat(KafkaProperties.isSensitive("bootstrap.servers")).isFalse();
    assertThat(KafkaProperties.isSensitive("acks")).isFalse();
  }

  @Test
  void maskedReplacesOnlySecrets() {
    Map<String, Object> masked =
        KafkaProperties.masked(
            Map.of(
                "sasl.jaas.config", "x required username=\"u\" password=\"s3cr3t\";",
                "acks", "all"));
    assertThat(masked).containsEntry("acks", "all").containsEntry("sasl.jaas.config", "[hidden]");
    assertThat(masked.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void scrubRemovesPasswordAssignments() {
    assertThat(KafkaProperties.scrub("ScramLoginModule required username=\"a\" password=\"pw1\";"))
        .doesNotContain("pw1")
        .contains("password=[hidden]");
    assertThat(KafkaProperties.scrub("password = hunter2 ok")).doesNotContain("hunter2");
    assertThat(KafkaProperties.scrub(null)).isNull();
  }

  @Test
  void describeRemovesSecretValuesFromKafkaMessages() {
    String message =
        KafkaProperties.describe(
            "producer",
            new IllegalArgumentException("Invalid value topsecret for configuration x"),
            Map.of("ssl.key.password", "topsecret"));
    assertThat(message).doesNotContain("topsecret").contains("[hidden]");
  }
}
