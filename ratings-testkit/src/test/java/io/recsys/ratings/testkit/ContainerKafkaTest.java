package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The Docker-less path: a clear error and a skip, never a failure. */
class ContainerKafkaTest {

  @Test
  void startWithoutDockerFailsWithAMessageThatPointsToEmbeddedKafka() {
    assumeFalse(ContainerKafka.isDockerAvailable(), "Docker is available here");

    assertThatThrownBy(ContainerKafka::start)
        .isInstanceOf(KafkaTestkitException.class)
        .hasMessageContaining("Docker is unavailable")
        .hasMessageContaining("EmbeddedKafka.builder().start()")
        .hasMessageContaining("@WithKafka(type = EMBEDDED)");
  }

  @Test
  void assumptionWithoutDockerAbortsTheTestWithTheReason() {
    assumeFalse(ContainerKafka.isDockerAvailable(), "Docker is available here");

    assertThatThrownBy(ContainerKafka::assumeDockerAvailable)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("Docker is unavailable");
  }

  @Test
  void moreThanOneContainerBrokerIsRefusedWithTheAlternative() {
    assertThatThrownBy(() -> ContainerKafka.builder().brokers(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EmbeddedKafka.builder().brokers(3)");
  }

  @Test
  void brokerConfigsBecomeKafkaImageEnvironmentVariables() {
    assertThat(
            io.recsys.ratings.testkit.internal.TestcontainersSupport.envName(
                "auto.create.topics.enable"))
        .isEqualTo("KAFKA_AUTO_CREATE_TOPICS_ENABLE");
  }
}
