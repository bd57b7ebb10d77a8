package io.recsys.ratings.testkit;

import io.recsys.ratings.testkit.internal.ClusterOps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** The helpers every {@link KafkaCluster} shares, over one lazily created admin and producer. */
abstract class ClusterBase implements KafkaCluster {
  final ClusterOps ops = new ClusterOps(this::clientProperties);

  ClusterBase() {}

  @Override
  public void createTopic(String name, int partitions, int replicationFactor) {
    createTopic(name, partitions, replicationFactor, Map.of());
  }

  @Override
  public void createTopic(
      String name, int partitions, int replicationFactor, Map<String, String> configs) {
    ops.createTopic(name, partitions, replicationFactor, configs, brokerCount());
  }

  @Override
  public void produce(String topic, byte[] key, byte[] value) {
    ops.produce(topic, key, value);
  }

  @Override
  public List<ConsumerRecord<byte[], byte[]>> awaitRecords(
      String topic, int count, Duration timeout) {
    return ops.awaitRecords(topic, count, timeout);
  }

  @Override
  public Map<TopicPartition, Long> endOffsets(String topic) {
    return ops.endOffsets(topic);
  }

  @Override
  public Map<TopicPartition, Long> committedOffsets(String groupId, String topic) {
    return ops.committedOffsets(groupId, topic);
  }

  @Override
  public long lag(String groupId, String topic) {
    return ops.lag(groupId, topic);
  }
}
