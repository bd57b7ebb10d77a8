package io.recsys.ratings.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A running Kafka cluster for tests: an in-JVM one ({@link EmbeddedKafka}) or a Docker one ({@link
 * ContainerKafka}), with helpers that tests need again and again.
 *
 * <p>Every helper that waits is bounded; when it gives up, its message says what it saw (for
 * example {@code "expected 100 records in ratings, got 97 after 10 s"}). Helpers are safe to call
 * from several threads. Brokers are addressed by index {@code 0 .. brokerCount() - 1}.
 */
public interface KafkaCluster extends AutoCloseable {

  /**
   * The bootstrap servers of the client listener, e.g. {@code 127.0.0.1:40123,127.0.0.1:40125}.
   *
   * @return the comma-separated {@code host:port} list of every broker
   */
  String bootstrapServers();

  /**
   * The number of brokers in the cluster, running or stopped.
   *
   * @return the broker count (1 to 3 for {@link EmbeddedKafka})
   */
  int brokerCount();

  /**
   * Stops one broker (controlled shutdown); its data and port are kept for {@link #startBroker}.
   * Stopping a stopped broker does nothing.
   *
   * @param index the broker index, {@code 0 .. brokerCount() - 1}
   * @throws IllegalArgumentException if the index is out of range
   * @throws UnsupportedOperationException if this kind of cluster cannot stop a broker
   */
  void stopBroker(int index);

  /**
   * Starts a stopped broker again on the same port with the same data, and waits until it serves.
   * Starting a running broker does nothing.
   *
   * @param index the broker index, {@code 0 .. brokerCount() - 1}
   * @throws IllegalArgumentException if the index is out of range
   * @throws UnsupportedOperationException if this kind of cluster cannot start a broker
   */
  void startBroker(int index);

  /**
   * Stops and starts one broker, keeping its data and port.
   *
   * @param index the broker index, {@code 0 .. brokerCount() - 1}
   * @throws IllegalArgumentException if the index is out of range
   * @throws UnsupportedOperationException if this kind of cluster cannot restart a broker
   */
  void restartBroker(int index);

  /**
   * Creates a topic without extra configs and waits until every partition has a leader.
   *
   * @param name the topic name
   * @param partitions the number of partitions, at least 1
   * @param replicationFactor the replication factor, 1 to {@link #brokerCount()}
   * @throws KafkaTestkitException if the topic exists already or is not usable within 30 s
   */
  void createTopic(String name, int partitions, int replicationFactor);

  /**
   * Creates a topic with topic configs (e.g. {@code min.insync.replicas}) and waits until every
   * partition has a leader.
   *
   * @param name the topic name
   * @param partitions the number of partitions, at least 1
   * @param replicationFactor the replication factor, 1 to {@link #brokerCount()}
   * @param configs topic configs, may be empty
   * @throws KafkaTestkitException if the topic exists already or is not usable within 30 s
   */
  void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs);

  /**
   * Sends one raw record with {@code acks=all} and waits for its acknowledgement (at most 30 s).
   *
   * @param topic the topic
   * @param key the key bytes, may be null
   * @param value the value bytes, may be null
   * @throws KafkaTestkitException if the record is not acknowledged
   */
  void produce(String topic, byte[] key, byte[] value);

  /**
   * Reads the topic from the beginning, across all partitions (read_committed), until at least
   * {@code count} records have arrived, then drains what is left up to the end offsets. The result
   * therefore holds every record of the topic and may hold more than {@code count} (duplicates show
   * up). Records are in arrival order; order is per partition only.
   *
   * @param topic the topic
   * @param count how many records to wait for, at least 0
   * @param timeout how long to wait at most
   * @return every record read
   * @throws AssertionError if fewer than {@code count} records arrived within the timeout; the
   *     message says how many did
   */
  List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count, Duration timeout);

  /**
   * The end offset (offset of the next record) of each partition of a topic.
   *
   * @param topic the topic
   * @return the end offset per partition
   * @throws KafkaTestkitException if the topic does not exist or the cluster does not answer
   */
  Map<TopicPartition, Long> endOffsets(String topic);

  /**
   * The offsets a consumer group has committed for a topic; partitions without a commit are absent.
   *
   * @param groupId the consumer group
   * @param topic the topic
   * @return the committed offset per partition
   * @throws KafkaTestkitException if the cluster does not answer
   */
  Map<TopicPartition, Long> committedOffsets(String groupId, String topic);

  /**
   * The total lag of a consumer group on a topic: the sum over partitions of end offset minus
   * committed offset (minus the log start offset where the group has not committed).
   *
   * @param groupId the consumer group
   * @param topic the topic
   * @return the number of records the group has not committed yet
   * @throws KafkaTestkitException if the topic does not exist or the cluster does not answer
   */
  long lag(String groupId, String topic);

  /**
   * What a client needs to connect: {@code bootstrap.servers} and, on a secured cluster, the
   * security settings of the super user. A new mutable map on every call.
   *
   * @return client properties to pass to a producer, consumer or admin client
   */
  Map<String, Object> clientProperties();

  /** Stops every broker and deletes their data. Never throws; calling it again does nothing. */
  @Override
  void close();
}
