package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.client.internal.RecordTracer;
import io.recsys.ratings.schema.RatingValidator;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The immutable, validated settings of a Kafka-backed {@link RatingProducer}, as built by {@link
 * RatingProducerBuilder#config()}. {@link #toString()} never shows a secret.
 */
public final class RatingProducerConfig {
  private final String topic;
  private final Map<String, Object> kafkaProperties;
  private final RatingValidator validator;
  private final Duration statsInterval;
  private final Duration closeTimeout;
  private final ProducerStatsListener statsListener;
  private final SendListener sendListener;
  private final int latencySampling;
  private final ProducerObserver observer;
  private final RecordTracer tracer;

  RatingProducerConfig(
      String topic,
      Map<String, Object> kafkaProperties,
      RatingValidator validator,
      Duration statsInterval,
      Duration closeTimeout,
      ProducerStatsListener statsListener,
      SendListener sendListener,
      int latencySampling,
      ProducerObserver observer,
      RecordTracer tracer) {
    this.topic = topic;
    this.kafkaProperties = Collections.unmodifiableMap(new TreeMap<>(kafkaProperties));
    this.validator = validator;
    this.statsInterval = statsInterval;
    this.closeTimeout = closeTimeout;
    this.statsListener = statsListener;
    this.sendListener = sendListener;
    this.latencySampling = latencySampling;
    this.observer = observer;
    this.tracer = tracer;
  }

  /**
   * The observer of every send.
   *
   * @return the observer, or null for none
   */
  public ProducerObserver observer() {
    return observer;
  }

  /**
   * Whether the producer writes the current trace context into the headers of the records it sends.
   *
   * @return true if tracing is on and the OpenTelemetry API is on the class path
   */
  public boolean tracing() {
    return tracer != null;
  }

  /** The trace-context writer, or null (tracing off). */
  RecordTracer tracer() {
    return tracer;
  }

  /**
   * The topic events are sent to.
   *
   * @return the topic
   */
  public String topic() {
    return topic;
  }

  /**
   * The complete Kafka producer properties the producer is created with: the SDK's defaults, then
   * the passed-through properties, then the serializers. Contains secrets if any were given: do not
   * log it (use {@link #toString()}).
   *
   * @return an unmodifiable map sorted by name
   */
  public Map<String, Object> kafkaProperties() {
    return kafkaProperties;
  }

  /**
   * The validator every event is checked with before it is sent.
   *
   * @return the validator
   */
  public RatingValidator validator() {
    return validator;
  }

  /**
   * How often the stats listener is called.
   *
   * @return the interval
   */
  public Duration statsInterval() {
    return statsInterval;
  }

  /**
   * How long {@link RatingProducer#close()} waits for acknowledgements.
   *
   * @return the timeout
   */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /**
   * The periodic stats listener.
   *
   * @return the listener, or null if none
   */
  public ProducerStatsListener statsListener() {
    return statsListener;
  }

  /**
   * The per-outcome listener.
   *
   * @return the listener, or null if none
   */
  public SendListener sendListener() {
    return sendListener;
  }

  /**
   * One in how many sends is timed for the send-to-ack latency ({@link
   * RatingProducerBuilder#latencySampling(int)}).
   *
   * @return a power of two from 1 to 1024
   */
  public int latencySampling() {
    return latencySampling;
  }

  /**
   * The settings with every secret masked.
   *
   * @return a readable description
   */
  @Override
  public String toString() {
    return "RatingProducerConfig{topic="
        + topic
        + ", bounds="
        + validator.bounds()
        + ", statsInterval="
        + statsInterval
        + ", closeTimeout="
        + closeTimeout
        + ", latencySampling="
        + latencySampling
        + ", kafka="
        + KafkaProperties.masked(kafkaProperties)
        + "}";
  }
}
