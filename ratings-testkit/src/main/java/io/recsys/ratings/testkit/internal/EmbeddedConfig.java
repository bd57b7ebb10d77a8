package io.recsys.ratings.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Server configs of the embedded cluster: listeners, quorum and small-cluster defaults. */
public final class EmbeddedConfig {
  /** Name of the controller listener. */
  public static final String CONTROLLER_LISTENER = "CONTROLLER";

  /** Name of the broker (client and inter-broker) listener. */
  public static final String BROKER_LISTENER = "BROKER";

  /** Loopback host every listener binds to. */
  public static final String HOST = "127.0.0.1";

  private EmbeddedConfig() {}

  /**
   * Defaults for a small test cluster; user broker configs override them.
   *
   * @param brokers the number of brokers
   * @return configs
   */
  public static Map<String, String> defaults(int brokers) {
    String rf = Integer.toString(Math.min(brokers, 3));
    Map<String, String> c = new LinkedHashMap<>();
    c.put("offsets.topic.replication.factor", rf);
    c.put("offsets.topic.num.partitions", "5");
    c.put("transaction.state.log.replication.factor", rf);
    c.put("transaction.state.log.min.isr", "1");
    c.put("transaction.state.log.num.partitions", "5");
    c.put("share.coordinator.state.topic.replication.factor", rf);
    c.put("share.coordinator.state.topic.min.isr", "1");
    c.put("min.insync.replicas", "1");
    c.put("default.replication.factor", "1");
    c.put("num.partitions", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    // A restarted broker may register again only once its old registration has expired (the
    // controller still remembers its last heartbeat), so a short session makes restarts fast in
    // the multi-broker layout. 2.5 s still tolerates GC pauses of a 1 GiB test JVM.
    c.put("broker.heartbeat.interval.ms", "250");
    c.put("broker.session.timeout.ms", "2500");
    c.put("controller.quorum.election.timeout.ms", "1000");
    // A 2-core CI machine: few threads, small buffers.
    c.put("num.network.threads", "2");
    c.put("num.io.threads", "4");
    c.put("background.threads", "4");
    c.put("num.recovery.threads.per.data.dir", "1");
    c.put("num.replica.fetchers", "1");
    c.put("log.cleaner.threads", "1");
    c.put("log.cleaner.dedupe.buffer.size", "2097152");
    c.put("log.initial.task.delay.ms", "100");
    c.put("server.max.startup.time.ms", "60000");
    return c;
  }

  /**
   * A free TCP port on the loopback interface (bound and released at once).
   *
   * @return the port
   */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new io.recsys.ratings.testkit.KafkaTestkitException(
          "no free port on " + HOST + ": " + e.getMessage(), e);
    }
  }
}
