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

  /** The SASL mechanism of a secured cluster. */
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  private static final java.util.regex.Pattern CREDENTIAL =
      java.util.regex.Pattern.compile("[A-Za-z0-9._~@+-]{1,128}");

  private EmbeddedConfig() {}

  /**
   * Checks a broker config entry given to a builder.
   *
   * @param key the config name, not blank
   * @param value the value, not null
   */
  public static void checkBrokerConfig(String key, String value) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("broker config key must not be blank, got '" + key + "'");
    }
    if (value == null) {
      throw new IllegalArgumentException("broker config " + key + " must not be null");
    }
  }

  /**
   * Checks a user name or password; the message never repeats a password.
   *
   * @param what the parameter name
   * @param value the value
   */
  public static void checkCredential(String what, String value) {
    if (value == null || !CREDENTIAL.matcher(value).matches()) {
      boolean secret = what.toLowerCase(java.util.Locale.ROOT).contains("password");
      throw new IllegalArgumentException(
          what
              + " must be 1 to 128 letters, digits or . _ ~ @ + -"
              + (secret ? "" : ", got '" + value + "'"));
    }
  }

  /**
   * Server configs of the SASL_PLAINTEXT/SCRAM-SHA-512 client listener with ACLs.
   *
   * @param admin the super user
   * @param password its password (for inter-broker connections)
   * @return configs
   */
  public static Map<String, String> sasl(String admin, String password) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
    c.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
    c.put(
        "listener.name."
            + BROKER_LISTENER.toLowerCase(java.util.Locale.ROOT)
            + "."
            + SCRAM_MECHANISM.toLowerCase(java.util.Locale.ROOT)
            + ".sasl.jaas.config",
        jaas(admin, password));
    c.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    c.put("super.users", "User:" + admin + ";User:ANONYMOUS");
    c.put("allow.everyone.if.no.acl.found", "false");
    return c;
  }

  /**
   * A SCRAM login module line.
   *
   * @param user user
   * @param password password
   * @return the sasl.jaas.config value
   */
  public static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * The storage formatter's argument that creates a SCRAM user.
   *
   * @param user user
   * @param password password
   * @return e.g. {@code SCRAM-SHA-512=[name=alice,password=secret]}
   */
  public static String scramArgument(String user, String password) {
    return SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]";
  }

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
    // Groups of the consumer rebalance protocol (group.protocol=consumer) reconcile their
    // assignment at each heartbeat: every 500 ms instead of 5 s, and a member that vanishes
    // without leaving loses its partitions after 10 s instead of 45 s.
    c.put("group.consumer.min.heartbeat.interval.ms", "500");
    c.put("group.consumer.heartbeat.interval.ms", "500");
    c.put("group.consumer.min.session.timeout.ms", "6000");
    c.put("group.consumer.session.timeout.ms", "10000");
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
