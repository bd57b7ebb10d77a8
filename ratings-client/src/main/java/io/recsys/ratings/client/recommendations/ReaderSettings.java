package io.recsys.ratings.client.recommendations;

import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.schema.RecommendationValidator;
import java.time.Duration;
import java.util.Map;

/**
 * The validated settings of a reader.
 *
 * @param topic the topic to read
 * @param consumerProperties complete Kafka consumer properties
 * @param validator the validator of decoded events
 * @param pollTimeout the poll timeout
 * @param partitionDiscoveryInterval how often new partitions are looked for
 * @param closeTimeout the bound of close
 */
record ReaderSettings(
    String topic,
    Map<String, Object> consumerProperties,
    RecommendationValidator validator,
    Duration pollTimeout,
    Duration partitionDiscoveryInterval,
    Duration closeTimeout) {

  @Override
  public String toString() {
    return "RecommendationReaderConfig{topic="
        + topic
        + ", bounds="
        + validator.bounds()
        + ", pollTimeout="
        + pollTimeout
        + ", partitionDiscoveryInterval="
        + partitionDiscoveryInterval
        + ", closeTimeout="
        + closeTimeout
        + ", kafka="
        + KafkaProperties.masked(consumerProperties)
        + "}";
  }
}
