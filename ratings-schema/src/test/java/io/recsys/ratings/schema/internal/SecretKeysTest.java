package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretKeysTest {

  /** Every pattern of the rule, each in a real Kafka client property where one exists. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "sasl.jaas.config", // jaas
        "ssl.key.password", // password
        "ssl.keystore.password",
        "ssl.truststore.password",
        "sasl.oauthbearer.client.credentials.client.secret", // credential, secret
        "sasl.oauthbearer.assertion.private.key.passphrase", // private
        "sasl.oauthbearer.assertion.private.key.file",
        "ssl.keystore.key", // keystore.key, ends with .key
        "some.plugin.api.key", // ends with .key
        "sasl.oauthbearer.token.endpoint.url", // token: masked too, on the safe side
        "SASL.JAAS.CONFIG" // any case
      })
  void recognisesEverySecretPattern(String key) {
    assertThat(SecretKeys.isSecret(key)).as(key).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bootstrap.servers",
        "acks",
        "security.protocol",
        "sasl.mechanism",
        "ssl.truststore.location",
        "ssl.keystore.type",
        "keyed",
        "key.serializer",
        ""
      })
  void leavesOrdinarySettingsVisible(String key) {
    assertThat(SecretKeys.isSecret(key)).as(key).isFalse();
  }

  @org.junit.jupiter.api.Test
  void nullIsNotASecretName() {
    assertThat(SecretKeys.isSecret(null)).isFalse();
  }
}
