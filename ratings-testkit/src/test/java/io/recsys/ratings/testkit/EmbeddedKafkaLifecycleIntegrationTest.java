package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@IntegrationTest
class EmbeddedKafkaLifecycleIntegrationTest {

  @Test
  void closeStopsTheBrokerDeletesItsDataAndIsIdempotent() {
    EmbeddedKafka kafka = EmbeddedKafka.builder().start();
    Path data = kafka.dataDirectory();
    kafka.createTopic("lifecycle", 1, 1);
    assertThat(data).isDirectory();

    kafka.close();
    kafka.close();

    assertThat(Files.exists(data)).isFalse();
    assertThat(kafka.isRunning(0)).isFalse();
    assertThatThrownBy(() -> kafka.createTopic("after-close", 1, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> kafka.startBroker(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void directoryLeftByAKilledJvmIsDeletedByTheNextStart() throws Exception {
    Path stale = Files.createTempDirectory("ratings-testkit-kafka-");
    Files.createDirectories(stale.resolve("node-0/data"));
    Files.writeString(stale.resolve("owner.pid"), Long.toString(deadPid()));

    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      assertThat(Files.exists(stale)).isFalse();
      assertThat(kafka.dataDirectory().resolve("owner.pid")).exists();
    }
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void invalidBrokerConfigFailsTheStartNamingTheConfig() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().brokerConfig("num.partitions", "many").start())
        .isInstanceOf(KafkaTestkitException.class)
        .hasMessageContaining("num.partitions")
        .hasMessageContaining("many");
  }
}
