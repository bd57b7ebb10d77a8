package io.recsys.ratings.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * Guards the run itself: ratings-client's tests here must see the pinned kafka-clients, never the
 * project's own version, and no Kafka server class (the brokers run in the broker process).
 */
class KafkaClientsVersionTest {

  @Test
  void theTestClassPathHasThePinnedKafkaClients() {
    String pinned = System.getProperty("ratings.compat.kafka.version");
    assertThat(pinned).as("system property ratings.compat.kafka.version").isNotBlank();
    assertThat(AppInfoParser.getVersion()).isEqualTo(pinned).startsWith("3.9.");
    assertThat(AppInfoParser.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .contains("kafka-clients-" + pinned);
  }

  @Test
  void noKafkaServerClassIsOnTheTestClassPath() {
    assertThatThrownBy(() -> Class.forName("kafka.server.KafkaRaftServer"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.apache.kafka.metadata.storage.Formatter"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void lz4ComesFromTheMaintainedForkOnly() throws Exception {
    assertThat(LZ4Factory.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .contains("/at/yawk/lz4/");
    assertThat(
            Collections.list(
                getClass().getClassLoader().getResources("net/jpountz/lz4/LZ4Factory.class")))
        .hasSize(1);
  }
}
