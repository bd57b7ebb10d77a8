package io.recsys.ratings.benchmarks.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * One real Kafka broker in a child JVM ({@code kafka.Kafka}), KRaft combined mode (broker and
 * controller), on loopback with free ports; storage formatted first with {@code
 * kafka.tools.StorageTool}.
 */
final class BrokerProcess implements AutoCloseable {
  static final String HOST = "127.0.0.1";

  /** How long a new topic may take to be usable; only a broker in trouble takes this long. */
  private static final Duration TOPIC_LIMIT = Duration.ofMinutes(2);

  private final Children children;
  private final Process process;
  private final String bootstrap;

  private BrokerProcess(Children children, Process process, String bootstrap) {
    this.children = children;
    this.process = process;
    this.bootstrap = bootstrap;
  }

  /** Writes server.properties, formats the storage, starts the broker and waits until it serves. */
  static BrokerProcess start(Children children, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    int port = freePort();
    int controllerPort = freePort();
    Path data = dir.resolve("kafka-data");
    Map<String, String> c = new LinkedHashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", "1");
    c.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    c.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("log.dirs", data.toString());
    c.put("num.partitions", "1");
    c.put("default.replication.factor", "1");
    c.put("min.insync.replicas", "1");
    c.put("offsets.topic.replication.factor", "1");
    c.put("offsets.topic.num.partitions", "6");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("share.coordinator.state.topic.replication.factor", "1");
    c.put("share.coordinator.state.topic.min.isr", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("auto.create.topics.enable", "false");
    // Kafka's shipped server.properties defaults otherwise (network/io threads, segment size).
    c.put("num.network.threads", "3");
    c.put("num.io.threads", "8");
    StringBuilder text = new StringBuilder("# written by the ratings-kafka benchmark harness\n");
    c.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path props = dir.resolve("server.properties");
    Files.writeString(props, text, StandardCharsets.UTF_8);

    children.run(
        "storage-format",
        "kafka.tools.StorageTool",
        List.of("format", "-t", Uuid.randomUuid().toString(), "-c", props.toString()),
        Duration.ofMinutes(5));
    Process p = children.start("broker", "kafka.Kafka", List.of(props.toString()));
    BrokerProcess broker = new BrokerProcess(children, p, HOST + ":" + port);
    try {
      broker.awaitReady(timeout);
    } catch (RuntimeException | InterruptedException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  String bootstrapServers() {
    return bootstrap;
  }

  /** Creates a topic (replication factor 1) and waits until it exists. */
  void createTopic(String name, int partitions, Map<String, String> configs) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
          .all()
          .get(TOPIC_LIMIT.toSeconds(), TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TOPIC_LIMIT.toNanos();
      Object seen = null;
      while (System.nanoTime() < deadline) {
        try {
          var d = admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS);
          seen = d.get(name);
          if (d.get(name).partitions().size() == partitions
              && d.get(name).partitions().stream().allMatch(pi -> pi.leader() != null)) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException e) {
          seen = e.getCause(); // not yet known to the broker's metadata cache
        }
        Thread.sleep(100);
      }
      throw new HarnessException(
          "topic "
              + name
              + " not usable within "
              + TOPIC_LIMIT.toSeconds()
              + " s, last seen: "
              + seen);
    } catch (HarnessException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new HarnessException("could not create topic " + name + ": " + e, e);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            30_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) TOPIC_LIMIT.toMillis()));
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin admin = admin()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new HarnessException(
              "the broker exited with " + process.exitValue() + ": " + children.tail("broker"));
        }
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          last = e;
        }
        Thread.sleep(200);
      }
    }
    throw new HarnessException(
        "the broker did not serve within "
            + timeout.toSeconds()
            + " s (last error: "
            + last
            + "); output: "
            + children.tail("broker"));
  }

  /** Stops the broker (SIGTERM, controlled shutdown), killing it after 20 s. */
  @Override
  public void close() {
    Children.destroy(process, Duration.ofSeconds(20));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }
}
