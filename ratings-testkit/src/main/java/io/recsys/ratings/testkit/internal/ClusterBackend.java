package io.recsys.ratings.testkit.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The nodes of an embedded cluster, wherever they run: in this JVM ({@link InJvmCluster}) or in a
 * broker process of their own ({@link ProcessCluster}). Brokers are addressed by index.
 */
public interface ClusterBackend extends AutoCloseable {
  /**
   * The client listener port of every broker, by index; fixed for the cluster's lifetime.
   *
   * @return the ports on {@link EmbeddedConfig#HOST}
   */
  List<Integer> brokerPorts();

  /**
   * The temporary directory holding every node's data.
   *
   * @return the directory (deleted on close)
   */
  Path dataDirectory();

  /**
   * Whether one broker runs.
   *
   * @param index the broker index
   * @return true between a start and a stop
   */
  boolean isRunning(int index);

  /**
   * Stops one broker, keeping its data and port.
   *
   * @param index the broker index
   */
  void stopBroker(int index);

  /**
   * Starts one stopped broker and waits until it serves.
   *
   * @param index the broker index
   */
  void startBroker(int index);

  /** Stops every node and deletes the data; never throws. */
  @Override
  void close();
}
