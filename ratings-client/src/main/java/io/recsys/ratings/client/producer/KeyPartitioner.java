package io.recsys.ratings.client.producer;

import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Kafka's default key partitioning (murmur2 of the key bytes modulo the partition count), for the
 * in-memory producer, which has no built-in partitioner.
 */
final class KeyPartitioner implements Partitioner {

  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    int n = cluster.partitionsForTopic(topic).size();
    if (keyBytes == null || n == 0) {
      return 0;
    }
    return Utils.toPositive(Utils.murmur2(keyBytes)) % n;
  }

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
