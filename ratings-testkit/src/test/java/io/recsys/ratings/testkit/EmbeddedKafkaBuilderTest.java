package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Builder checks that need no broker. */
class EmbeddedKafkaBuilderTest {

  @Test
  void brokerCountOutsideOneToThreeIsRejected() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().brokers(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("brokers must be in 1..3, got 4");
    assertThatThrownBy(() -> EmbeddedKafka.builder().brokers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("brokers must be in 1..3, got 0");
  }

  @Test
  void blankBrokerConfigKeyAndNullValueAreRejected() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().brokerConfig(" ", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("broker config key must not be blank, got ' '");
    assertThatThrownBy(() -> EmbeddedKafka.builder().brokerConfig("num.partitions", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("broker config num.partitions must not be null");
  }

  @Test
  void startTimeoutOutsideItsRangeIsRejected() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().startTimeout(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startTimeout must be in 1 s..10 min, got PT0.01S");
  }

  @Test
  void badSaslPasswordIsRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().sasl("admin", "has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adminPassword must be 1 to 128 letters, digits or . _ ~ @ + -");
    assertThatThrownBy(() -> EmbeddedKafka.builder().sasl("bad user", "pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adminUser must be 1 to 128 letters, digits or . _ ~ @ + -, got 'bad user'");
  }

  @Test
  void scramUsersNeedTheSaslListener() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().scramUser("alice", "pw").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs sasl(adminUser, adminPassword)");
  }
}
