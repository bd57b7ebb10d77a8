package io.recsys.ratings.testkit;

import io.recsys.ratings.testkit.internal.ContainerBackend;
import io.recsys.ratings.testkit.internal.EmbeddedConfig;
import io.recsys.ratings.testkit.internal.TestcontainersSupport;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single Kafka broker in Docker, through Testcontainers' Kafka module and the official {@value
 * #DEFAULT_IMAGE} image, behind the same {@link KafkaCluster} interface as {@link EmbeddedKafka}.
 *
 * <p>Needs a Docker engine and {@code org.testcontainers:kafka} on the test class path (an optional
 * dependency of the testkit). Without Docker, {@link Builder#start()} throws a {@link
 * KafkaTestkitException} saying so and pointing to {@link EmbeddedKafka}; {@link
 * #assumeDockerAvailable()} turns that into a skipped test.
 *
 * <p>Limits: one broker only, and {@link #stopBroker}, {@link #startBroker} and {@link
 * #restartBroker} throw {@link UnsupportedOperationException}, because a restarted container gets a
 * new host port; fault tests use {@link EmbeddedKafka}.
 */
public final class ContainerKafka extends ClusterBase {
  /** The image used unless {@link Builder#image(String)} says otherwise (pinned). */
  public static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerKafka.class);

  private final ContainerBackend backend;
  private boolean closed;

  private ContainerKafka(ContainerBackend backend) {
    this.backend = backend;
  }

  /**
   * A builder with defaults: image {@value #DEFAULT_IMAGE}, no extra broker configs.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a container with the defaults; same as {@code builder().start()}.
   *
   * @return the running cluster
   * @throws KafkaTestkitException if Docker or Testcontainers is not available, or the container
   *     does not start
   */
  public static ContainerKafka start() {
    return builder().start();
  }

  /**
   * Whether this machine can run {@link ContainerKafka}: Testcontainers is on the class path and a
   * Docker engine answers.
   *
   * @return true if a container can be started
   */
  public static boolean isDockerAvailable() {
    return TestcontainersSupport.present() && TestcontainersSupport.dockerAvailable();
  }

  /**
   * Skips the calling test (JUnit assumption) when {@link #isDockerAvailable()} is false, with the
   * reason in the skip message.
   *
   * @throws org.opentest4j.TestAbortedException if Docker or Testcontainers is not available
   */
  public static void assumeDockerAvailable() {
    Assumptions.assumeTrue(isDockerAvailable(), ContainerKafka::unavailableReason);
  }

  /**
   * Why a container cannot be started here, or {@code null} if it can.
   *
   * @return a sentence naming what is missing and what to use instead
   */
  public static String unavailableReason() {
    if (!TestcontainersSupport.present()) {
      return "ContainerKafka needs org.testcontainers:kafka on the test class path (add it as a"
          + " test dependency), and a Docker engine. Without them use EmbeddedKafka (in-JVM"
          + " broker): EmbeddedKafka.builder().start(), or @WithKafka(type = EMBEDDED).";
    }
    if (!TestcontainersSupport.dockerAvailable()) {
      return "Docker is unavailable: Testcontainers found no working Docker environment, so"
          + " ContainerKafka cannot start. Use EmbeddedKafka instead (in-JVM broker, no Docker):"
          + " EmbeddedKafka.builder().start(), or @WithKafka(type = EMBEDDED), or run with"
          + " -D"
          + WithKafka.TYPE_PROPERTY
          + "=embedded.";
    }
    return null;
  }

  @Override
  public String bootstrapServers() {
    return backend.bootstrapServers();
  }

  @Override
  public int brokerCount() {
    return 1;
  }

  private static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException(
        "ContainerKafka cannot "
            + what
            + " a broker (a restarted container gets a new host port); use EmbeddedKafka for"
            + " fault tests");
  }

  private static void checkIndex(int index) {
    if (index != 0) {
      throw new IllegalArgumentException("broker index must be 0, got " + index);
    }
  }

  /**
   * Not supported.
   *
   * @param index the broker index (must be 0)
   * @throws UnsupportedOperationException always
   */
  @Override
  public void stopBroker(int index) {
    checkIndex(index);
    throw unsupported("stop");
  }

  /**
   * Not supported.
   *
   * @param index the broker index (must be 0)
   * @throws UnsupportedOperationException always
   */
  @Override
  public void startBroker(int index) {
    checkIndex(index);
    throw unsupported("start");
  }

  /**
   * Not supported.
   *
   * @param index the broker index (must be 0)
   * @throws UnsupportedOperationException always
   */
  @Override
  public void restartBroker(int index) {
    checkIndex(index);
    throw unsupported("restart");
  }

  @Override
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      ops.close();
    } finally {
      backend.close();
    }
  }

  @Override
  public String toString() {
    return "ContainerKafka{bootstrap=" + bootstrapServers() + "}";
  }

  /** Builds and starts a {@link ContainerKafka}; every setter validates its value at once. */
  public static final class Builder {
    private String image = DEFAULT_IMAGE;
    private final Map<String, String> brokerConfigs = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The Docker image; should be an apache/kafka image (or a compatible one).
     *
     * @param image e.g. {@code apache/kafka:4.1.0}
     * @return this builder
     * @throws IllegalArgumentException if the image is blank
     */
    public Builder image(String image) {
      if (image == null || image.isBlank()) {
        throw new IllegalArgumentException("image must not be blank, got '" + image + "'");
      }
      this.image = image.trim();
      return this;
    }

    /**
     * The number of brokers; only 1 is supported in a container.
     *
     * @param count must be 1
     * @return this builder
     * @throws IllegalArgumentException if the count is not 1
     */
    public Builder brokers(int count) {
      if (count != 1) {
        throw new IllegalArgumentException(
            "ContainerKafka supports exactly 1 broker, got "
                + count
                + "; use EmbeddedKafka.builder().brokers("
                + count
                + ") for 2 or 3 brokers");
      }
      return this;
    }

    /**
     * A broker config, passed to the image as a {@code KAFKA_*} environment variable.
     *
     * @param key a Kafka broker config name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException if the key is blank or the value null
     */
    public Builder brokerConfig(String key, String value) {
      EmbeddedConfig.checkBrokerConfig(key, value);
      brokerConfigs.put(key.trim(), value);
      return this;
    }

    /**
     * Starts the container and waits until the broker serves.
     *
     * @return the running cluster
     * @throws KafkaTestkitException if Docker or Testcontainers is not available (the message says
     *     how to use {@link EmbeddedKafka} instead), or the container does not start
     */
    public ContainerKafka start() {
      String reason = unavailableReason();
      if (reason != null) {
        throw new KafkaTestkitException(reason);
      }
      long t0 = System.nanoTime();
      ContainerKafka kafka = new ContainerKafka(TestcontainersSupport.start(image, brokerConfigs));
      LOG.info(
          "Kafka container {} started in {} ms at {}",
          image,
          (System.nanoTime() - t0) / 1_000_000,
          kafka.bootstrapServers());
      return kafka;
    }
  }
}
