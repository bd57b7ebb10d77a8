package io.recsys.ratings.testkit.internal;

import io.recsys.ratings.testkit.KafkaTestkitException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded cluster that runs in the {@link BrokerProcess} of this JVM: this JVM loads no Kafka
 * server class, only talks to the brokers over the network (and to the process over its pipes).
 */
public final class ProcessCluster implements ClusterBackend {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessCluster.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

  private final BrokerProcess process;
  private final int id;
  private final Path dataDirectory;
  private final List<Integer> brokerPorts;
  private final Duration startTimeout;
  private boolean closed;

  private ProcessCluster(
      BrokerProcess process,
      int id,
      Path dataDirectory,
      List<Integer> brokerPorts,
      Duration startTimeout) {
    this.process = process;
    this.id = id;
    this.dataDirectory = dataDirectory;
    this.brokerPorts = brokerPorts;
    this.startTimeout = startTimeout;
  }

  /**
   * Starts a cluster in the broker process (starting that first if needed).
   *
   * @param spec what to start
   * @return the running cluster
   * @throws KafkaTestkitException if the cluster or the broker process does not start in time
   */
  public static ProcessCluster start(EmbeddedSpec spec) {
    BrokerProcess process = BrokerProcess.shared();
    // up to three attempts with new ports inside, each bounded by the start timeout
    Duration bound = spec.startTimeout().multipliedBy(3).plusSeconds(30);
    String[] reply = process.call("create " + spec.encode(), bound).split(" ");
    List<Integer> ports = Arrays.stream(reply[2].split(",")).map(Integer::valueOf).toList();
    return new ProcessCluster(
        process,
        Integer.parseInt(reply[0]),
        Path.of(URI.create(reply[1])),
        ports,
        spec.startTimeout());
  }

  @Override
  public List<Integer> brokerPorts() {
    return brokerPorts;
  }

  @Override
  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public synchronized boolean isRunning(int index) {
    if (closed) {
      return false;
    }
    return Boolean.parseBoolean(process.call("running " + id + " " + index, STOP_TIMEOUT));
  }

  @Override
  public synchronized void stopBroker(int index) {
    process.call("stop " + id + " " + index, STOP_TIMEOUT);
  }

  @Override
  public synchronized void startBroker(int index) {
    process.call("start " + id + " " + index, startTimeout.plusSeconds(30));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process.call("close " + id, STOP_TIMEOUT);
    } catch (KafkaTestkitException e) {
      LOG.warn("closing cluster {} in the broker process failed: {}", id, e.getMessage());
    }
  }
}
