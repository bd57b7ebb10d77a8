package io.recsys.ratings.testkit.internal;

import io.recsys.ratings.testkit.KafkaTestkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of an embedded cluster inside this JVM: {@link EmbeddedNode}s from Kafka's own server
 * jars, in a temporary directory, closed by a JVM shutdown hook if nobody closes them.
 */
public final class InJvmCluster implements ClusterBackend {
  private static final Logger LOG = LoggerFactory.getLogger(InJvmCluster.class);
  private static final int CONTROLLER_NODE_ID = 100;
  private static final String DIR_PREFIX = "ratings-testkit-kafka-";

  private final Path baseDir;
  private final List<EmbeddedNode> brokers;
  private final EmbeddedNode controller;
  private final List<Integer> brokerPorts;
  private final Duration startTimeout;
  private final Thread shutdownHook;
  private final List<String> scramArguments;
  private boolean closed;

  private InJvmCluster(EmbeddedSpec spec) {
    this.startTimeout = spec.startTimeout();
    try {
      EmbeddedNode.sweepStaleDirectories(DIR_PREFIX);
      this.baseDir = Files.createTempDirectory(DIR_PREFIX);
      EmbeddedNode.markOwner(baseDir);
    } catch (IOException e) {
      throw new KafkaTestkitException("could not create a temporary directory: " + e, e);
    }
    int n = spec.brokers();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ports.add(EmbeddedConfig.freePort());
    }
    this.brokerPorts = List.copyOf(ports);
    int controllerPort = EmbeddedConfig.freePort();
    int voterId = n == 1 ? 0 : CONTROLLER_NODE_ID;
    String voters = voterId + "@" + EmbeddedConfig.HOST + ":" + controllerPort;

    String saslUser = spec.saslUser();
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
      common.putAll(EmbeddedConfig.sasl(saslUser, spec.saslPassword()));
      scram.add(EmbeddedConfig.scramArgument(saslUser, spec.saslPassword()));
      spec.scramUsers()
          .forEach((user, password) -> scram.add(EmbeddedConfig.scramArgument(user, password)));
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
      c.putAll(spec.brokerConfigs());
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
      c.putAll(spec.brokerConfigs());
      this.controller =
          new EmbeddedNode(CONTROLLER_NODE_ID, "controller", baseDir.resolve("controller"), c);
    }
    this.shutdownHook = new Thread(this::close, "ratings-testkit-kafka-shutdown");
  }

  /**
   * Formats and starts every node of a new cluster and waits until all brokers serve; retries with
   * new ports (up to 3 attempts) when a chosen free port was taken meanwhile.
   *
   * @param spec what to start
   * @return the running cluster
   * @throws KafkaTestkitException if the cluster does not start in time
   */
  public static InJvmCluster start(EmbeddedSpec spec) {
    for (int attempt = 1; ; attempt++) {
      InJvmCluster cluster = new InJvmCluster(spec);
      try {
        cluster.startAll();
        return cluster;
      } catch (KafkaTestkitException e) {
        // A free port can be taken by another process between choosing and binding it.
        if (attempt >= 3 || !portTaken(e)) {
          throw e;
        }
        LOG.warn(
            "Embedded Kafka port was taken meanwhile, retrying with new ports: {}", e.getMessage());
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

  private void startAll() {
    ExitGuard.install();
    String clusterId = Uuid.randomUuid().toString();
    List<EmbeddedNode> all = allNodes();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    long t0 = System.nanoTime();
    try {
      for (EmbeddedNode node : all) {
        node.format(clusterId, scramArguments);
      }
      LOG.debug("Embedded Kafka formatted in {} ms", (System.nanoTime() - t0) / 1_000_000);
      List<CompletableFuture<Void>> starts = new ArrayList<>();
      for (EmbeddedNode node : all) {
        starts.add(
            CompletableFuture.runAsync(() -> node.start(startTimeout), InJvmCluster::daemon));
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
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "ratings-testkit-start");
    t.setDaemon(true);
    t.start();
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
  public List<Integer> brokerPorts() {
    return brokerPorts;
  }

  @Override
  public Path dataDirectory() {
    return baseDir;
  }

  @Override
  public boolean isRunning(int index) {
    return brokers.get(index).running();
  }

  @Override
  public void stopBroker(int index) {
    brokers.get(index).stop();
  }

  @Override
  public void startBroker(int index) {
    brokers.get(index).start(startTimeout);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    // Brokers first, in parallel (the controller stays up for their controlled shutdown).
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (EmbeddedNode node : brokers) {
      stops.add(CompletableFuture.runAsync(node::stop, InJvmCluster::daemon));
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
  }
}
