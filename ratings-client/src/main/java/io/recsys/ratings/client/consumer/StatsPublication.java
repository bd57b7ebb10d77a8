package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.client.metrics.MetricsPublisher;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's stats windows published to the metrics topic while it runs, through a {@link
 * MetricsPublisher} on its own daemon thread and producer: a slow or unreachable metrics topic
 * never stalls the polling loop. Sends block at most {@value #MAX_BLOCK_MS} ms (on the publisher's
 * thread, and once at the end of the run), failures are counted and logged rate-limited.
 */
final class StatsPublication {
  private static final Logger LOG = LoggerFactory.getLogger(StatsPublication.class);
  static final int MAX_BLOCK_MS = 5_000;
  private static final Duration MAX_CLOSE = Duration.ofSeconds(10);

  private final MetricsPublisher.Builder builder;
  private final String topic;
  private final String source;
  private MetricsPublisher publisher; // run thread only

  private StatsPublication(MetricsPublisher.Builder builder, String topic, String source) {
    this.builder = builder;
    this.topic = topic;
    this.source = source;
  }

  /**
   * The publication of a consumer's stats.
   *
   * @param s the consumer's settings: its bootstrap and security properties are reused, its stats
   *     interval is the window length, its close timeout (at most 10 s) bounds the last send
   * @param topic the metrics topic
   * @param shared the consumer properties a producer shares (bootstrap, security)
   * @return the publication, started by {@link #start}
   */
  static StatsPublication of(ConsumerSettings s, String topic, Map<String, Object> shared) {
    Map<String, Object> c = s.consumerProperties();
    Object id = c.get(ConsumerConfig.CLIENT_ID_CONFIG);
    String source = String.valueOf(id != null ? id : c.get(ConsumerConfig.GROUP_ID_CONFIG));
    Duration close = s.closeTimeout().compareTo(MAX_CLOSE) > 0 ? MAX_CLOSE : s.closeTimeout();
    MetricsPublisher.Builder b =
        MetricsPublisher.builder()
            .topic(topic)
            .source(source)
            .interval(s.statsInterval())
            .closeTimeout(close);
    shared.forEach(b::property);
    b.property(ProducerConfig.CLIENT_ID_CONFIG, source + "-metrics")
        .property(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS)
        .property(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
        .property(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    return new StatsPublication(b, topic, source);
  }

  /**
   * Starts publishing; a publisher that cannot be created is logged, and the consumer runs on.
   *
   * @param stats the consumer's stats
   */
  void start(Supplier<ConsumerStats> stats) {
    try {
      publisher = builder.stats(stats).start();
    } catch (RuntimeException e) {
      LOG.warn(
          "Stats of '{}' are not published to '{}': {}",
          source,
          topic,
          KafkaProperties.scrub(e.getMessage()));
    }
  }

  /** Publishes the last window and closes, bounded; logs how many events were not published. */
  void close() {
    if (publisher == null) {
      return;
    }
    try {
      publisher.close();
      if (publisher.failed() > 0) {
        LOG.warn(
            "{} stats event(s) of '{}' could not be published to '{}' ({} were)",
            publisher.failed(),
            source,
            topic,
            publisher.published());
      }
    } catch (RuntimeException e) {
      LOG.warn("Closing the stats publisher failed: {}", KafkaProperties.scrub(e.getMessage()));
    }
  }
}
