package io.recsys.ratings.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AdminSettingsTest {

  @Test
  void timeoutBoundsEveryAdminCall() {
    // tag::settings[]
    AdminSettings settings =
        AdminSettings.builder()
            .bootstrapServers("localhost:9092") // or .clientProperties(props), security included
            .timeout(Duration.ofSeconds(5)) // bounds every Admin call (default 30 s)
            .build();
    // end::settings[]

    assertThat(settings.adminClientProperties())
        .containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry("default.api.timeout.ms", 5000)
        .containsEntry("request.timeout.ms", 5000)
        .containsEntry("client.id", "ratings-admin");
  }

  @Test
  void keepsASmallerRequestTimeoutGivenByTheCaller() {
    AdminSettings settings =
        AdminSettings.builder()
            .bootstrapServers("localhost:9092")
            .clientProperty("request.timeout.ms", "2000")
            .timeout(Duration.ofSeconds(5))
            .build();

    assertThat(settings.adminClientProperties()).containsEntry("request.timeout.ms", "2000");
  }

  @Test
  void passesSecurityPropertiesThroughAndMasksSecretsInToString() {
    Properties props = new Properties();
    props.setProperty("bootstrap.servers", "broker:9093");
    props.setProperty("security.protocol", "SASL_SSL");
    props.setProperty("sasl.jaas.config", "ScramLoginModule required password=\"hunter2\";");
    props.setProperty("ssl.truststore.password", "hunter3");

    AdminSettings settings = AdminSettings.builder().clientProperties(props).build();

    assertThat(settings.bootstrapServers()).isEqualTo("broker:9093");
    assertThat(settings.adminClientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsKey("sasl.jaas.config");
    assertThat(settings.toString())
        .contains("security.protocol=SASL_SSL")
        .doesNotContain("hunter2")
        .doesNotContain("hunter3");
  }

  @Test
  void requiresBootstrapServers() {
    assertThatThrownBy(() -> AdminSettings.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bootstrapServers");
    assertThatThrownBy(() -> AdminSettings.builder().bootstrapServers(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsTimeoutOutsideTheRangeNamingIt() {
    assertThatThrownBy(() -> AdminSettings.builder().timeout(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0.01S")
        .hasMessageContaining("PT0.1S");
    assertThatThrownBy(() -> AdminSettings.builder().timeout(Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientPropertiesMapMaySetBootstrapServers() {
    AdminSettings settings =
        AdminSettings.builder().clientProperties(Map.of("bootstrap.servers", "h:1")).build();

    assertThat(settings.bootstrapServers()).isEqualTo("h:1");
    assertThat(settings.timeout()).isEqualTo(AdminSettings.DEFAULT_TIMEOUT);
  }
}
