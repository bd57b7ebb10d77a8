package io.recsys.ratings.testkit.internal;

import io.recsys.ratings.testkit.KafkaTestkitException;
import java.util.Locale;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Everything that touches Testcontainers classes. Loaded only after {@link #present()} said the
 * optional dependency is on the class path.
 */
public final class TestcontainersSupport {
  private TestcontainersSupport() {}

  /**
   * Whether org.testcontainers:kafka is on the class path.
   *
   * @return true if its classes load
   */
  public static boolean present() {
    try {
      Class.forName(
          "org.testcontainers.kafka.KafkaContainer",
          false,
          TestcontainersSupport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Whether a Docker engine answers (only call when {@link #present()}).
   *
   * @return true if Testcontainers found a working Docker environment
   */
  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Starts an apache/kafka container.
   *
   * @param image the image, e.g. apache/kafka:4.1.0
   * @param brokerConfigs broker configs, passed as KAFKA_* environment variables
   * @return the running container
   */
  public static ContainerBackend start(String image, Map<String, String> brokerConfigs) {
    KafkaContainer container =
        new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"));
    brokerConfigs.forEach((k, v) -> container.withEnv(envName(k), v));
    try {
      container.start();
    } catch (RuntimeException e) {
      container.close();
      throw new KafkaTestkitException("the Kafka container " + image + " did not start: " + e, e);
    }
    return new ContainerBackend() {
      @Override
      public String bootstrapServers() {
        return container.getBootstrapServers();
      }

      @Override
      public void close() {
        container.close();
      }
    };
  }

  /**
   * The environment variable the apache/kafka image maps to a broker config.
   *
   * @param configKey e.g. auto.create.topics.enable
   * @return e.g. KAFKA_AUTO_CREATE_TOPICS_ENABLE
   */
  public static String envName(String configKey) {
    return "KAFKA_"
        + configKey
            .replace("_", "__")
            .replace("-", "___")
            .replace('.', '_')
            .toUpperCase(Locale.ROOT);
  }
}
