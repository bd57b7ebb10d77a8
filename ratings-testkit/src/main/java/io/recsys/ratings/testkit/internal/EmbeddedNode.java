package io.recsys.ratings.testkit.internal;

import io.recsys.ratings.testkit.KafkaTestkitException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One Kafka process-equivalent inside the JVM: a {@link KafkaRaftServer} with its own formatted
 * directories and fixed ports, which can be stopped and started again with the same data.
 */
public final class EmbeddedNode {
  private final int nodeId;
  private final String roles;
  private final Path logDir;
  private final Path metadataDir;
  private final Map<String, String> config;
  private KafkaRaftServer server;

  /**
   * Creates a node (not formatted, not started).
   *
   * @param nodeId node.id
   * @param roles process.roles
   * @param baseDir the node's own directory
   * @param config the full server config except directories, node id and roles
   */
  public EmbeddedNode(int nodeId, String roles, Path baseDir, Map<String, String> config) {
    this.nodeId = nodeId;
    this.roles = roles;
    this.logDir = baseDir.resolve("data");
    this.metadataDir = baseDir.resolve("metadata");
    this.config = new TreeMap<>(config);
    this.config.put("node.id", Integer.toString(nodeId));
    this.config.put("process.roles", roles);
    this.config.put("log.dirs", logDir.toString());
    this.config.put("metadata.log.dir", metadataDir.toString());
  }

  /**
   * The node id.
   *
   * @return node.id
   */
  public int nodeId() {
    return nodeId;
  }

  /**
   * The roles.
   *
   * @return process.roles
   */
  public String roles() {
    return roles;
  }

  /**
   * Formats both directories, like {@code kafka-storage.sh format}.
   *
   * @param clusterId the cluster id shared by every node
   * @param scramArguments {@code --add-scram} style arguments, may be empty
   */
  public void format(String clusterId, List<String> scramArguments) {
    try {
      Files.createDirectories(logDir);
      Files.createDirectories(metadataDir);
      new Formatter()
          .setPrintStream(
              new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString(), metadataDir.toString()))
          .setMetadataLogDirectory(metadataDir.toString())
          .setControllerListenerName(EmbeddedConfig.CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setScramArguments(scramArguments)
          .run();
    } catch (Exception e) {
      throw new KafkaTestkitException(
          "could not format the log directories of node " + nodeId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the node runs.
   *
   * @return true between a start and a stop
   */
  public synchronized boolean running() {
    return server != null;
  }

  /**
   * Starts the node and waits until its broker (if any) is unfenced and serving.
   *
   * @param timeout the bound
   */
  public synchronized void start(Duration timeout) {
    if (server != null) {
      return;
    }
    KafkaRaftServer created;
    try {
      created = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
    } catch (RuntimeException e) {
      throw new KafkaTestkitException(
          "invalid configuration for node " + nodeId + ": " + e.getMessage(), e);
    }
    CompletableFuture<Void> started =
        CompletableFuture.runAsync(
            created::startup,
            runnable -> {
              Thread t = new Thread(runnable, "ratings-testkit-start-node-" + nodeId);
              t.setDaemon(true);
              t.start();
            });
    try {
      started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      server = created;
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      shutdownQuietly(created);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      String what =
          e instanceof TimeoutException
              ? "did not start within " + ClusterOps.seconds(timeout)
              : "failed to start: " + cause;
      throw new KafkaTestkitException("Kafka node " + nodeId + " " + what, cause);
    }
  }

  /** Stops the node (controlled shutdown); data and ports are kept. */
  public synchronized void stop() {
    KafkaRaftServer s = server;
    server = null;
    if (s != null) {
      shutdownQuietly(s);
    }
  }

  private static void shutdownQuietly(KafkaRaftServer s) {
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(EmbeddedNode.class)
          .warn("Kafka node did not shut down cleanly: {}", e.toString());
    }
  }

  private static final String OWNER_FILE = "owner.pid";

  /**
   * Records the current process as the owner of a cluster directory.
   *
   * @param dir the cluster's temporary directory
   * @throws IOException if the file cannot be written
   */
  public static void markOwner(Path dir) throws IOException {
    Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
  }

  /**
   * Deletes cluster directories left in the temp folder by JVMs that were killed before they could
   * close their cluster (only those whose owner process no longer runs). Never throws.
   *
   * @param prefix the directory name prefix
   */
  public static void sweepStaleDirectories(String prefix) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (var dirs = Files.newDirectoryStream(tmp, prefix + "*")) {
      for (Path dir : dirs) {
        Path owner = dir.resolve(OWNER_FILE);
        if (!Files.isRegularFile(owner)) {
          continue;
        }
        long pid = Long.parseLong(Files.readString(owner).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        deleteRecursively(dir);
        org.slf4j.LoggerFactory.getLogger(EmbeddedNode.class)
            .info("Deleted {} left by a Kafka test JVM (pid {}) that is gone", dir, pid);
      }
    } catch (IOException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(EmbeddedNode.class)
          .debug("could not sweep stale embedded Kafka directories: {}", e.toString());
    }
  }

  /**
   * Deletes the node's directories recursively.
   *
   * @param dir the directory
   * @throws IOException if deleting fails
   */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
