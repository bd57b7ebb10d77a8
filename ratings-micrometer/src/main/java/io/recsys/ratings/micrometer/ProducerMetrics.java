package io.recsys.ratings.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.recsys.ratings.client.producer.ProducerObserver;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendOutcome;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * The meters of a {@link RatingProducer}: a {@link ProducerObserver} to give to {@code
 * RatingProducer.builder().observer(...)}; it counts sends by outcome ({@code acknowledged}, {@code
 * failed}, {@code rejected}) and times every acknowledged send (names in {@link MeterNames}).
 * {@link #bindKafkaClientMetrics(RatingProducer)} adds the Kafka producer's own metrics.
 *
 * <p>One instance per producer (one topic). {@link #close()} removes its meters from the registry.
 */
public final class ProducerMetrics extends ClientMeters implements ProducerObserver {
  private volatile TopicMeters meters; // the producer sends to one topic

  private ProducerMetrics(MeterRegistry registry, MeterOptions options) {
    super(registry, options);
  }

  /**
   * Creates the meters of one producer.
   *
   * @param registry where to register them
   * @param options the client name and the latency timer's percentiles
   * @return the observer to give to the producer's builder
   */
  public static ProducerMetrics create(MeterRegistry registry, MeterOptions options) {
    return new ProducerMetrics(registry, options);
  }

  /**
   * Binds the Kafka producer's own metrics (record send rate, batch sizes, request latency, ...) to
   * the registry with Micrometer's {@code KafkaClientMetrics}; they are named {@code
   * kafka.producer.*} and carry Kafka's {@code client.id} tag.
   *
   * @param producer the producer whose {@link RatingProducer#kafkaMetrics()} to bind
   * @return this
   */
  public ProducerMetrics bindKafkaClientMetrics(RatingProducer producer) {
    bindKafka(Producer.class, producer::kafkaMetrics);
    return this;
  }

  @Override
  public void onSend(String topic, SendOutcome.Status status, int partition, long latencyNanos) {
    if (closed()) {
      return;
    }
    TopicMeters m = meters;
    if (m == null || !m.topic.equals(topic)) {
      m = topicMeters(topic);
    }
    m.sends[status.ordinal()].increment();
    if (status == SendOutcome.Status.ACKNOWLEDGED && latencyNanos >= 0) {
      m.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }
  }

  private synchronized TopicMeters topicMeters(String topic) {
    TopicMeters m = meters;
    if (m == null || !m.topic.equals(topic)) {
      m = new TopicMeters(topic); // Micrometer returns the registered meters for the same ids
      meters = m;
    }
    return m;
  }

  private final class TopicMeters {
    final String topic;
    final Counter[] sends = new Counter[SendOutcome.Status.values().length];
    final Timer latency;

    TopicMeters(String topic) {
      this.topic = topic;
      for (SendOutcome.Status s : SendOutcome.Status.values()) {
        sends[s.ordinal()] =
            counter(
                MeterNames.PRODUCER_SENDS,
                Tags.of(
                    MeterNames.TOPIC,
                    topic,
                    MeterNames.OUTCOME,
                    s.name().toLowerCase(Locale.ROOT)));
      }
      this.latency =
          timer(
              MeterNames.PRODUCER_SEND_LATENCY,
              "Send-to-acknowledgement time",
              Tags.of(MeterNames.TOPIC, topic));
    }
  }
}
