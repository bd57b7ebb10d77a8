package io.recsys.ratings.cli;

import io.recsys.ratings.admin.ClusterInspector;
import io.recsys.ratings.admin.TopicProvisioner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * One Admin connection for the duration of a command: checks first that the cluster answers at all
 * (within {@link #CONNECT_TIMEOUT}), so that a wrong address fails in seconds with a clear message
 * instead of every later call waiting for its own timeout.
 */
final class Cluster implements AutoCloseable {

  /** How long the first contact may take before the cluster counts as unreachable. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Bound of each later Admin call. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private final String bootstrapServers;
  private final Admin admin;
  private final String clusterId;
  private final List<Node> nodes;

  private Cluster(String bootstrapServers, Admin admin, String clusterId, List<Node> nodes) {
    this.bootstrapServers = bootstrapServers;
    this.admin = admin;
    this.clusterId = clusterId;
    this.nodes = nodes;
  }

  /**
   * Connects and checks the cluster answers.
   *
   * @throws CliException with {@link ExitCodes#UNREACHABLE} if it does not within {@link
   *     #CONNECT_TIMEOUT}
   */
  static Cluster connect(ClientSettings settings) {
    String bootstrapServers = settings.bootstrapServers();
    Map<String, Object> props = new HashMap<>(settings.admin());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "ratings-cli");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2_000L);
    props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 4_000L);
    Admin admin;
    try {
      admin = Admin.create(props);
    } catch (KafkaException e) {
      throw unreachable(bootstrapServers, e);
    }
    try {
      DescribeClusterResult described =
          admin.describeCluster(
              new DescribeClusterOptions().timeoutMs((int) CONNECT_TIMEOUT.toMillis()));
      long waitMs = CONNECT_TIMEOUT.toMillis() + 1_000;
      String id = described.clusterId().get(waitMs, TimeUnit.MILLISECONDS);
      Collection<Node> nodes = described.nodes().get(waitMs, TimeUnit.MILLISECONDS);
      return new Cluster(bootstrapServers, admin, id, List.copyOf(nodes));
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      admin.close(Duration.ZERO);
      throw unreachable(bootstrapServers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admin.close(Duration.ZERO);
      throw new CliException(ExitCodes.FAILED, "interrupted while connecting to Kafka");
    }
  }

  private static CliException unreachable(String bootstrapServers, Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String why =
        cause instanceof TimeoutException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException
            ? "no broker answered"
            : cause.getClass().getSimpleName() + ": " + rootMessage(cause);
    return new CliException(
        ExitCodes.UNREACHABLE,
        "Cannot reach Kafka at "
            + bootstrapServers
            + " within "
            + CONNECT_TIMEOUT.toSeconds()
            + " s ("
            + why
            + "). Is a broker running there? Pass --bootstrap-servers HOST:PORT, or run"
            + " `ratings demo`, which starts its own broker.");
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == t ? message : message + " (" + root.getClass().getSimpleName() + ")";
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  String clusterId() {
    return clusterId;
  }

  int brokerCount() {
    return nodes.size();
  }

  Admin admin() {
    return admin;
  }

  /** A provisioner on this connection (closing it leaves the connection open). */
  TopicProvisioner provisioner() {
    return TopicProvisioner.forAdmin(admin, CALL_TIMEOUT);
  }

  /** An inspector on this connection (closing it leaves the connection open). */
  ClusterInspector inspector() {
    return ClusterInspector.forAdmin(admin, CALL_TIMEOUT);
  }

  /** The topics of the cluster that are not internal. */
  Set<String> topics() {
    try {
      return admin
          .listTopics(new ListTopicsOptions().timeoutMs((int) CALL_TIMEOUT.toMillis()))
          .names()
          .get(CALL_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "Cannot list the topics of " + bootstrapServers + ": " + rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted while listing topics");
    }
  }

  /** The broker's {@code auto.create.topics.enable}, if it can be read. */
  Optional<Boolean> autoCreateTopics() {
    if (nodes.isEmpty()) {
      return Optional.empty();
    }
    ConfigResource broker =
        new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(nodes.get(0).id()));
    try {
      Config config =
          admin
              .describeConfigs(
                  List.of(broker),
                  new DescribeConfigsOptions().timeoutMs((int) CALL_TIMEOUT.toMillis()))
              .all()
              .get(CALL_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS)
              .get(broker);
      ConfigEntry entry = config == null ? null : config.get("auto.create.topics.enable");
      return entry == null || entry.value() == null
          ? Optional.empty()
          : Optional.of(Boolean.parseBoolean(entry.value()));
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Fails with a clear message if the topic does not exist and the broker will not create it; warns
   * (on {@code err}) if the broker will auto-create it with its own defaults.
   */
  void requireTopic(String topic, PrintWriter err) {
    if (topics().contains(topic)) {
      return;
    }
    Optional<Boolean> autoCreate = autoCreateTopics();
    if (autoCreate.orElse(false)) {
      err.println(
          "warning: topic '"
              + topic
              + "' does not exist; the broker will auto-create it with its default settings"
              + " (run `ratings create-topics` for the pipeline's settings)");
      return;
    }
    throw new CliException(
        ExitCodes.FAILED,
        "Topic '"
            + topic
            + "' does not exist on "
            + bootstrapServers
            + (autoCreate.isPresent()
                ? " and the broker does not auto-create topics (auto.create.topics.enable=false)"
                : "")
            + ". Create it first: ratings create-topics --bootstrap-servers "
            + bootstrapServers);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
