package io.recsys.ratings.testkit;

import io.recsys.ratings.testkit.internal.ClusterOps;
import io.recsys.ratings.testkit.internal.EmbeddedConfig;
import io.recsys.ratings.testkit.internal.EmbeddedNode;
import io.recsys.ratings.testkit.internal.ExitGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
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
 * {@code group.initial.rebalance.delay.ms=0}, {@code broker.session.timeout.ms=4000}, few threads.
 * Auto topic creation stays on (Kafka's default); turn it off with {@code
 * brokerConfig("auto.create.topics.enable", "false")}.
 *
 * <p>Start-up and restart times are logged at INFO through slf4j (logger {@code
 * io.recsys.ratings.testkit.EmbeddedKafka}). A JVM shutdown hook closes a cluster that a test
 * forgot to close. Kafka's own calls to halt or exit the JVM (fatal faults) are turned into logged
 * exceptions so that a broken broker fails a test instead of killing the test run. The methods of
 * this class are thread-safe.
 */
public final class EmbeddedKafka extends ClusterBase {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int CONTROLLER_NODE_ID = 100;
  private static final String DIR_PREFIX = "ratings-testkit-kafka-";

  private final Path baseDir;
  private final List<EmbeddedNode> brokers;
  private final EmbeddedNode controller;
  private final List<Integer> brokerPorts;
  private final Duration startTimeout;
  private final Thread shutdownHook;
  private final String saslUser;
  private final String saslPassword;
  private final List<String> scramArguments;
  private boolean closed;

  private EmbeddedKafka(Builder b) {
    this.startTimeout = b.startTimeout;
    try {
      EmbeddedNode.sweepStaleDirectories(DIR_PREFIX);
      this.baseDir = Files.createTempDirectory(DIR_PREFIX);
      EmbeddedNode.markOwner(baseDir);
    } catch (IOException e) {
      throw new KafkaTestkitException("could not create a temporary directory: " + e, e);
    }
    int n = b.brokers;
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ports.add(EmbeddedConfig.freePort());
    }
    this.brokerPorts = List.copyOf(ports);
    int controllerPort = EmbeddedConfig.freePort();
    int voterId = n == 1 ? 0 : CONTROLLER_NODE_ID;
    String voters = voterId + "@" + EmbeddedConfig.HOST + ":" + controllerPort;

    this.saslUser = b.saslUser;
    this.saslPassword = b.saslPassword;
    Map<String, String> common = new LinkedHashMap<>();
    common.put("controller.quorum.voters", voters);
    common.put("controller.listener.names", EmbeddedConfig.CONTROLLER_LISTENER);
    common.put(
        "listener.security.protocol.map",
        EmbeddedConfig.BROKER_LISTENER
            + (saslUser == null ? ":PLAINTEXT," : ":SASL_PLAINTEXT,")
            + EmbeddedConfig.CONTROLLER_LISTENER
            + ":PLAINTEXT");
    List<String> scram = new ArrayList<>();
    if (saslUser != null) {
      common.putAll(EmbeddedConfig.sasl(saslUser, saslPassword));
      scram.add(EmbeddedConfig.scramArgument(saslUser, saslPassword));
      b.scramUsers.forEach(
          (user, password) -> scram.add(EmbeddedConfig.scramArgument(user, password)));
    }
    this.scramArguments = List.copyOf(scram);

    List<EmbeddedNode> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> c = new LinkedHashMap<>(EmbeddedConfig.defaults(n));
      c.putAll(common);
      String brokerListener =
          EmbeddedConfig.BROKER_LISTENER + "://" + EmbeddedConfig.HOST + ":" + ports.get(i);
      c.put("inter.broker.listener.name", EmbeddedConfig.BROKER_LISTENER);
      c.put("advertised.listeners", brokerListener);
      if (n == 1) {
        c.put(
            "listeners",
            brokerListener
                + ","
                + EmbeddedConfig.CONTROLLER_LISTENER
                + "://"
                + EmbeddedConfig.HOST
                + ":"
                + controllerPort);
      } else {
        c.put("listeners", brokerListener);
      }
      c.putAll(b.brokerConfigs);
      nodes.add(
          new EmbeddedNode(
              i, n == 1 ? "broker,controller" : "broker", baseDir.resolve("node-" + i), c));
    }
    this.brokers = List.copyOf(nodes);
    if (n == 1) {
      this.controller = null;
    } else {
      Map<String, String> c = new LinkedHashMap<>(EmbeddedConfig.defaults(n));
      c.putAll(common);
      c.put(
          "listeners",
          EmbeddedConfig.CONTROLLER_LISTENER + "://" + EmbeddedConfig.HOST + ":" + controllerPort);
      c.putAll(b.brokerConfigs);
      this.controller =
          new EmbeddedNode(CONTROLLER_NODE_ID, "controller", baseDir.resolve("controller"), c);
    }
    this.shutdownHook = new Thread(this::close, "ratings-testkit-kafka-shutdown");
  }

  /**
   * A builder with defaults: one broker, no extra broker configs, 60 s start-up bound.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private void startAll() {
    long t0 = System.nanoTime();
    ExitGuard.install();
    String clusterId = Uuid.randomUuid().toString();
    List<EmbeddedNode> all = allNodes();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    long formatted;
    try {
      for (EmbeddedNode node : all) {
        node.format(clusterId, scramArguments);
      }
      formatted = System.nanoTime();
      List<CompletableFuture<Void>> starts = new ArrayList<>();
      for (EmbeddedNode node : all) {
        starts.add(
            CompletableFuture.runAsync(() -> node.start(startTimeout), EmbeddedKafka::daemon));
      }
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
          .get(startTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      close();
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      if (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof KafkaTestkitException kte) {
        throw kte;
      }
      throw new KafkaTestkitException(
          "embedded Kafka did not start within " + ClusterOps.seconds(startTimeout) + ": " + cause,
          cause);
    }
    LOG.info(
        "Embedded Kafka with {} broker(s) started in {} ms (format {} ms) at {}",
        brokers.size(),
        (System.nanoTime() - t0) / 1_000_000,
        (formatted - t0) / 1_000_000,
        bootstrapServers());
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "ratings-testkit-start");
    t.setDaemon(true);
    t.start();
  }

  /** The temporary directory holding every node's data (for the testkit's own tests). */
  Path dataDirectory() {
    return baseDir;
  }

  private List<EmbeddedNode> allNodes() {
    List<EmbeddedNode> all = new ArrayList<>();
    if (controller != null) {
      all.add(controller);
    }
    all.addAll(brokers);
    return all;
  }

  @Override
  public String bootstrapServers() {
    return brokerPorts.stream()
        .map(p -> EmbeddedConfig.HOST + ":" + p)
        .collect(Collectors.joining(","));
  }

  @Override
  public int brokerCount() {
    return brokers.size();
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
    return brokers.get(index).running();
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= brokers.size()) {
      throw new IllegalArgumentException(
          "broker index must be in 0.." + (brokers.size() - 1) + ", got " + index);
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
    brokers.get(index).stop();
    LOG.info(
        "Embedded Kafka broker {} stopped in {} ms", index, (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public void startBroker(int index) {
    checkIndex(index);
    ensureOpen();
    long t0 = System.nanoTime();
    brokers.get(index).start(startTimeout);
    LOG.info(
        "Embedded Kafka broker {} started in {} ms", index, (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public void restartBroker(int index) {
    checkIndex(index);
    ensureOpen();
    long t0 = System.nanoTime();
    brokers.get(index).stop();
    long stopped = System.nanoTime();
    brokers.get(index).start(startTimeout);
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
    // Brokers first, in parallel (the controller stays up for their controlled shutdown).
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (EmbeddedNode node : brokers) {
      stops.add(CompletableFuture.runAsync(node::stop, EmbeddedKafka::daemon));
    }
    try {
      CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("embedded Kafka brokers did not stop cleanly: {}", e.toString());
    }
    if (controller != null) {
      controller.stop();
    }
    try {
      EmbeddedNode.deleteRecursively(baseDir);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", baseDir, e.toString());
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
    }
    LOG.info("Embedded Kafka closed in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public String toString() {
    return "EmbeddedKafka{brokers="
        + brokers.size()
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
      for (int attempt = 1; ; attempt++) {
        EmbeddedKafka kafka = new EmbeddedKafka(this);
        try {
          kafka.startAll();
          return kafka;
        } catch (KafkaTestkitException e) {
          // A free port can be taken by another process between choosing and binding it.
          if (attempt >= 3 || !portTaken(e)) {
            throw e;
          }
          LOG.warn(
              "Embedded Kafka port was taken meanwhile, retrying with new ports: {}",
              e.getMessage());
        }
      }
    }

    private static boolean portTaken(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.BindException
            || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
          return true;
        }
      }
      return false;
    }
  }
}
