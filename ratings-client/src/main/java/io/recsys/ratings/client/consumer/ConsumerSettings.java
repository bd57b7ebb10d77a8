package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.client.internal.RecordTracer;
import io.recsys.ratings.schema.RatingValidator;
import java.time.Duration;
import java.util.Map;

/**
 * The validated settings of a consumer.
 *
 * @param topic the topic to consume
 * @param consumerProperties complete Kafka consumer properties
 * @param deadLetterTopic the dead-letter topic, or null for none
 * @param deadLetterProperties complete Kafka producer properties for dead letters (null if none)
 * @param validator the validator
 * @param handler the handler
 * @param resetToBeginning whether to read every assigned partition from its beginning once
 * @param maxMessages stop after this many records (0 = no limit)
 * @param idleTimeout stop after no records for this long (null = never)
 * @param pollTimeout the poll timeout
 * @param closeTimeout the close/commit timeout
 * @param commitInterval the least time between two commits of the polling loop (zero: after every
 *     poll batch)
 * @param commitMode how the polling loop commits after a poll batch
 * @param statsInterval the stats listener interval
 * @param statsListener the stats listener, or null
 * @param failurePolicy what to do when the handler throws
 * @param startupTimeout how long the start-up checks (cluster reachable, topics there) may take
 * @param deadLetterTimeout the bound of one dead-letter or retry-topic send
 * @param adminProperties Kafka admin client properties for the start-up and topic checks
 * @param observer the observer of every record, or null
 * @param tracer the trace-context reader, or null (tracing off)
 */
record ConsumerSettings(
    String topic,
    Map<String, Object> consumerProperties,
    String deadLetterTopic,
    Map<String, Object> deadLetterProperties,
    RatingValidator validator,
    RatingHandler handler,
    boolean resetToBeginning,
    long maxMessages,
    Duration idleTimeout,
    Duration pollTimeout,
    Duration closeTimeout,
    Duration commitInterval,
    CommitMode commitMode,
    Duration statsInterval,
    ConsumerStatsListener statsListener,
    FailurePolicy failurePolicy,
    Duration startupTimeout,
    Duration deadLetterTimeout,
    Map<String, Object> adminProperties,
    ConsumerObserver observer,
    RecordTracer tracer) {

  /**
   * The names of the retry topics of the failure policy, in order.
   *
   * @return the names; empty for none
   */
  public java.util.List<String> retryTopics() {
    return failurePolicy.retryTopicDelays().stream()
        .map(d -> FailurePolicy.retryTopicName(topic, d))
        .toList();
  }

  /**
   * Whether the consumer publishes records (dead letters or retry topics) and so needs a producer.
   *
   * @return true with a dead-letter topic or retry topics
   */
  public boolean publishes() {
    return deadLetterTopic != null || !failurePolicy.retryTopicDelays().isEmpty();
  }

  @Override
  public String toString() {
    return "RatingConsumerConfig{topic="
        + topic
        + ", deadLetterTopic="
        + deadLetterTopic
        + ", bounds="
        + validator.bounds()
        + ", resetToBeginning="
        + resetToBeginning
        + ", maxMessages="
        + maxMessages
        + ", idleTimeout="
        + idleTimeout
        + ", commitInterval="
        + commitInterval
        + ", commitMode="
        + commitMode
        + ", failurePolicy="
        + failurePolicy
        + ", startupTimeout="
        + startupTimeout
        + ", deadLetterTimeout="
        + deadLetterTimeout
        + ", kafka="
        + KafkaProperties.masked(consumerProperties)
        + (deadLetterProperties == null
            ? ""
            : ", deadLetterKafka=" + KafkaProperties.masked(deadLetterProperties))
        + "}";
  }
}
