package io.recsys.ratings.testkit.internal;

/** A running Kafka container, behind an interface so that Testcontainers stays optional. */
public interface ContainerBackend extends AutoCloseable {
  /**
   * The bootstrap servers mapped to the host.
   *
   * @return host:port
   */
  String bootstrapServers();

  /** Stops and removes the container. */
  @Override
  void close();
}
