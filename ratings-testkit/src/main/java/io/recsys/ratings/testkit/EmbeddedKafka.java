package io.recsys.ratings.testkit;

import io.recsys.ratings.testkit.internal.BrokerProcess;
import io.recsys.ratings.testkit.internal.ClusterBackend;
import io.recsys.ratings.testkit.internal.EmbeddedConfig;
import io.recsys.ratings.testkit.internal.EmbeddedSpec;
import io.recsys.ratings.testkit.internal.InJvmCluster;
import io.recsys.ratings.testkit.internal.ProcessCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka 4 cluster inside the JVM, in KRaft mode (no ZooKeeper), from Kafka's own server
 * jars, on free loopback ports, with its data in a temporary directory that {@link #close()}
 * deletes.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokers(1).start()) {
 *   kafka.createTopic("ratings", 3, 1);
 *   kafka.produce("ratings", null, "hello".getBytes(StandardCharsets.UTF_8));
 *   kafka.awaitRecords("ratings", 1, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Layout: one broker runs as a single combined node ({@code process.roles=broker,controller});
 * two or three brokers run as broker-only nodes beside one dedicated controller node, so any broker
 * can be stopped while the others serve. The controller is never stopped by {@link #stopBroker}.
 *
 * <p>Defaults for a small cluster (each can be overridden with {@link Builder#brokerConfig}):
 * internal topics replicated {@code min(brokers, 3)} times with {@code min.insync.replicas=1},
 * {@code group.initial.rebalance.delay.ms=0}, {@code broker.session.timeout.ms=2500}, heartbeats of
 * 500 ms and sessions of 10 s for groups of the consumer rebalance protocol ({@code
 * group.protocol=consumer}), few threads. Auto topic creation stays on (Kafka's default); turn it
 * off with {@code brokerConfig("auto.create.topics.enable", "false")}.
 *
 * <p>Start-up and restart times are logged at INFO through slf4j (logger {@code
 * io.recsys.ratings.testkit.EmbeddedKafka}). A JVM shutdown hook closes a cluster that a test
 * forgot to close. Kafka's own calls to halt or exit the JVM (fatal faults) are turned into logged
 * exceptions so that a broken broker fails a test instead of killing the test run. The methods of
 * this class are thread-safe.
 *
 * <p>With the system property {@value #BROKER_PROPERTY}{@code =process} the same cluster runs in a
 * separate JVM instead (the broker process, see {@link #BROKER_PROPERTY}), with the same API and
 * behaviour, stopping and starting brokers included. That is how a test suite runs against an older
 * kafka-clients (e.g. 3.9.x) than the broker's: the tests' JVM only speaks to the brokers over the
 * network.
 */
public final class EmbeddedKafka extends ClusterBase {
  /**
   * System property that runs the clusters in a separate JVM when set to {@code process} (default
   * {@code in-jvm}): a broker process started from the class path in {@value
   * #BROKER_CLASSPATH_PROPERTY}, shared by every cluster of the test JVM in turn and ended with it
   * (also when the test JVM is killed: the process then reads the end of its input and stops). The
   * tests' JVM then loads no Kafka server class, so it can use another kafka-clients version than
   * the broker (e.g. 3.9.x).
   */
  public static final String BROKER_PROPERTY = BrokerProcess.MODE_PROPERTY;

  /**
   * System property with the class path of the broker process: a file that holds it (as written by
   * maven-dependency-plugin's {@code build-classpath} goal) or the class path itself. It must hold
   * ratings-testkit, Kafka's server jars and the kafka-clients of their version. Default: the test
   * JVM's own class path.
   */
  public static final String BROKER_CLASSPATH_PROPERTY = BrokerProcess.CLASSPATH_PROPERTY;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final ClusterBackend backend;
  private final List<Integer> brokerPorts;
  private final String saslUser;
  private final String saslPassword;
  private boolean closed;

  private EmbeddedKafka(ClusterBackend backend, EmbeddedSpec spec) {
    this.backend = backend;
    this.brokerPorts = List.copyOf(backend.brokerPorts());
    this.saslUser = spec.saslUser();
    this.saslPassword = spec.saslPassword();
  }

  /**
   * A builder with defaults: one broker, no extra broker configs, 60 s start-up bound.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The temporary directory holding every node's data (for the testkit's own tests). */
  Path dataDirectory() {
    return backend.dataDirectory();
  }

  @Override
  public String bootstrapServers() {
    return brokerPorts.stream()
        .map(p -> EmbeddedConfig.HOST + ":" + p)
        .collect(Collectors.joining(","));
  }

  @Override
  public int brokerCount() {
    return brokerPorts.size();
  }

  /**
   * The port of one broker's client listener; it stays the same across stop and start.
   *
   * @param index the broker index, {@code 0 .. brokerCount() - 1}
   * @return the port on 127.0.0.1
   * @throws IllegalArgumentException if the index is out of range
   */
  public int brokerPort(int index) {
    checkIndex(index);
    return brokerPorts.get(index);
  }

  /**
   * Whether one broker is running.
   *
   * @param index the broker index, {@code 0 .. brokerCount() - 1}
   * @return true if started and not stopped
   * @throws IllegalArgumentException if the index is out of range
   */
  public boolean isRunning(int index) {
    checkIndex(index);
    return backend.isRunning(index);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= brokerPorts.size()) {
      throw new IllegalArgumentException(
          "broker index must be in 0.." + (brokerPorts.size() - 1) + ", got " + index);
    }
  }

  private synchronized void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the embedded Kafka cluster is closed");
    }
  }

  @Override
  public void stopBroker(int index) {
    checkIndex(index);
    ensureOpen();
    long t0 = System.nanoTime();
    backend.stopBroker(index);
    LOG.info(
        "Embedded Kafka broker {} stopped in {} ms", index, (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public void startBroker(int index) {
    checkIndex(index);
    ensureOpen();
    long t0 = System.nanoTime();
    backend.startBroker(index);
    LOG.info(
        "Embedded Kafka broker {} started in {} ms", index, (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public void restartBroker(int index) {
    checkIndex(index);
    ensureOpen();
    long t0 = System.nanoTime();
    backend.stopBroker(index);
    long stopped = System.nanoTime();
    backend.startBroker(index);
    long t1 = System.nanoTime();
    LOG.info(
        "Embedded Kafka broker {} restarted in {} ms (stop {} ms, start {} ms)",
        index,
        (t1 - t0) / 1_000_000,
        (stopped - t0) / 1_000_000,
        (t1 - stopped) / 1_000_000);
  }

  /**
   * {@inheritDoc}
   *
   * <p>With {@link Builder#sasl} these are the super user's credentials ({@code security.protocol},
   * {@code sasl.mechanism=SCRAM-SHA-512}, {@code sasl.jaas.config}).
   */
  @Override
  public Map<String, Object> clientProperties() {
    if (saslUser != null) {
      return clientProperties(saslUser, saslPassword);
    }
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  /**
   * Client properties that log in as another SCRAM user of a SASL cluster (e.g. one made with
   * {@link Builder#scramUser}, or a wrong password for negative tests). A new mutable map.
   *
   * @param user the user name
   * @param password the password, letters, digits and {@code . _ ~ @ + -} only
   * @return bootstrap and SASL settings for that user
   * @throws IllegalStateException if the cluster was built without {@link Builder#sasl}
   * @throws IllegalArgumentException if the user or password has other characters
   */
  public Map<String, Object> clientProperties(String user, String password) {
    if (saslUser == null) {
      throw new IllegalStateException(
          "this cluster has no SASL listener; build it with EmbeddedKafka.builder().sasl(...)");
    }
    EmbeddedConfig.checkCredential("user", user);
    EmbeddedConfig.checkCredential("password", password);
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put("sasl.mechanism", EmbeddedConfig.SCRAM_MECHANISM);
    props.put("sasl.jaas.config", EmbeddedConfig.jaas(user, password));
    return props;
  }

  /**
   * Whether the client listener requires SASL (SCRAM-SHA-512) and ACLs are enforced.
   *
   * @return true if built with {@link Builder#sasl}
   */
  public boolean saslEnabled() {
    return saslUser != null;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    long t0 = System.nanoTime();
    try {
      ops.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the testkit's clients failed: {}", e.toString());
    }
    backend.close();
    LOG.info("Embedded Kafka closed in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public String toString() {
    return "EmbeddedKafka{brokers="
        + brokerPorts.size()
        + ", bootstrap="
        + bootstrapServers()
        + (saslUser == null ? "" : ", sasl=SCRAM-SHA-512, superUser=" + saslUser)
        + "}";
  }

  /** Builds and starts an {@link EmbeddedKafka}; every setter validates its value at once. */
  public static final class Builder {
    private int brokers = 1;
    private final Map<String, String> brokerConfigs = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);
    private String saslUser;
    private String saslPassword;
    private final Map<String, String> scramUsers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Secures the client listener: SASL_PLAINTEXT with SCRAM-SHA-512, ACLs enforced by Kafka's
     * {@code StandardAuthorizer} ({@code allow.everyone.if.no.acl.found=false}), and {@code
     * adminUser} as a super user created at start. {@link EmbeddedKafka#clientProperties()} then
     * logs in as that user; the testkit's helpers use it too. Brokers talk to each other as the
     * super user over SCRAM; the controller listener stays PLAINTEXT on loopback, with its
     * principal {@code User:ANONYMOUS} a super user so that brokers can register (clients are only
     * given the SASL listener). Passwords never appear in logs, exceptions or {@code toString()}.
     *
     * @param adminUser the super user's name
     * @param adminPassword its password
     * @return this builder
     * @throws IllegalArgumentException if a name or password is empty, longer than 128 characters
     *     or has characters other than letters, digits and {@code . _ ~ @ + -}
     */
    public Builder sasl(String adminUser, String adminPassword) {
      EmbeddedConfig.checkCredential("adminUser", adminUser);
      EmbeddedConfig.checkCredential("adminPassword", adminPassword);
      this.saslUser = adminUser;
      this.saslPassword = adminPassword;
      return this;
    }

    /**
     * Another SCRAM-SHA-512 user created at start, with no ACLs (grant them with an {@code Admin}
     * built from {@link EmbeddedKafka#clientProperties()}). Needs {@link #sasl}.
     *
     * @param user the user name
     * @param password its password
     * @return this builder
     * @throws IllegalArgumentException if a name or password is empty, longer than 128 characters
     *     or has characters other than letters, digits and {@code . _ ~ @ + -}
     */
    public Builder scramUser(String user, String password) {
      EmbeddedConfig.checkCredential("user", user);
      EmbeddedConfig.checkCredential("password", password);
      scramUsers.put(user, password);
      return this;
    }

    /**
     * The number of brokers.
     *
     * @param count 1 to 3 (default 1)
     * @return this builder
     * @throws IllegalArgumentException if the count is outside 1..3
     */
    public Builder brokers(int count) {
      if (count < 1 || count > 3) {
        throw new IllegalArgumentException("brokers must be in 1..3, got " + count);
      }
      this.brokers = count;
      return this;
    }

    /**
     * A server config for every node, overriding the testkit's default, e.g. {@code
     * brokerConfig("auto.create.topics.enable", "false")}. Listener, quorum, directory and node id
     * settings are managed by the testkit; overriding them breaks the cluster.
     *
     * @param key a Kafka broker config name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException if key or value is null or the key is blank
     */
    public Builder brokerConfig(String key, String value) {
      EmbeddedConfig.checkBrokerConfig(key, value);
      brokerConfigs.put(key.trim(), value);
      return this;
    }

    /**
     * Several server configs at once, see {@link #brokerConfig(String, String)}.
     *
     * @param configs config names and values
     * @return this builder
     * @throws IllegalArgumentException if a key or value is null or blank
     */
    public Builder brokerConfigs(Map<String, String> configs) {
      Objects.requireNonNull(configs, "configs");
      configs.forEach(this::brokerConfig);
      return this;
    }

    /**
     * How long starting (and restarting) a broker may take before it counts as failed.
     *
     * @param timeout 1 s to 10 min (default 60 s)
     * @return this builder
     * @throws IllegalArgumentException if the timeout is outside 1 s .. 10 min
     */
    public Builder startTimeout(Duration timeout) {
      if (timeout == null
          || timeout.compareTo(Duration.ofSeconds(1)) < 0
          || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("startTimeout must be in 1 s..10 min, got " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Formats the log directories, starts every node and waits until all brokers serve.
     *
     * @return the started cluster; close it (try-with-resources) to stop it and delete its data
     * @throws KafkaTestkitException if the cluster does not start in time
     * @throws IllegalStateException if SCRAM users were given without {@link #sasl}
     */
    public EmbeddedKafka start() {
      if (saslUser == null && !scramUsers.isEmpty()) {
        throw new IllegalStateException(
            "scramUser(...) needs sasl(adminUser, adminPassword) to enable the SASL listener");
      }
      EmbeddedSpec spec =
          new EmbeddedSpec(
              brokers, brokerConfigs, startTimeout, saslUser, saslPassword, scramUsers);
      boolean separate = BrokerProcess.enabled();
      long t0 = System.nanoTime();
      ClusterBackend backend = separate ? ProcessCluster.start(spec) : InJvmCluster.start(spec);
      EmbeddedKafka kafka = new EmbeddedKafka(backend, spec);
      LOG.info(
          "Embedded Kafka with {} broker(s) started in {} ms at {}{}",
          brokers,
          (System.nanoTime() - t0) / 1_000_000,
          kafka.bootstrapServers(),
          separate ? " (broker process)" : "");
      return kafka;
    }
  }
}
