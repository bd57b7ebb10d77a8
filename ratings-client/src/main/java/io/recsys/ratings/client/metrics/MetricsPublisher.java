package io.recsys.ratings.client.metrics;

import io.recsys.ratings.client.ClientStats;
import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.internal.Checks;
import io.recsys.ratings.client.internal.Daemons;
import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.client.internal.RateLimitedWarn;
import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a producer's or consumer's stats as {@link MetricsEvent}s (JSON, see {@link
 * MetricsCodec}) to the {@value #DEFAULT_TOPIC} topic at a fixed interval, keyed by the source
 * name.
 *
 * <p>Each event covers the window since the previous one: its count and throughput are those of the
 * window; its latency percentiles are cumulative since the client started (the stats keep one
 * histogram). Publishing runs on a daemon thread {@code ratings-metrics}; failures are logged and
 * counted, never thrown. {@link #close()} publishes the last window and closes within the close
 * timeout.
 *
 * <pre>{@code
 * try (MetricsPublisher metrics = MetricsPublisher.builder()
 *     .bootstrapServers("localhost:9092")
 *     .source("rating-producer")
 *     .stats(producer::stats)
 *     .start()) {
 *   ... send events ...
 * }
 * }</pre>
 */
public final class MetricsPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsPublisher.class);

  /** The default metrics topic. */
  public static final String DEFAULT_TOPIC = "metrics";

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final String source;
  private final byte[] key;
  private final Supplier<? extends ClientStats> stats;
  private final Duration closeTimeout;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LongAdder published = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /** At most one WARN line about failed events per 30 s. */
  private final RateLimitedWarn failureLog = new RateLimitedWarn(LOG, 1, 30, TimeUnit.SECONDS);

  private long windowStartMs;
  private long windowStartCount;

  private MetricsPublisher(Builder b, Producer<byte[], byte[]> producer) {
    this.producer = producer;
    this.topic = b.topic;
    this.source = b.source;
    this.key = b.source.getBytes(StandardCharsets.UTF_8);
    this.stats = b.stats;
    this.closeTimeout = b.closeTimeout;
    ClientStats first = stats.get();
    this.windowStartMs = first.timestampMs();
    this.windowStartCount = first.eventCount();
    this.scheduler = Daemons.scheduler("ratings-metrics");
    long every = b.interval.toMillis();
    scheduler.scheduleAtFixedRate(this::publishQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Publishes the window since the last event now (also done by the timer).
   *
   * @return the event sent (its acknowledgement is not awaited)
   */
  public synchronized MetricsEvent publishNow() {
    ClientStats now = stats.get();
    MetricsEvent event = MetricsWindows.window(source, windowStartMs, windowStartCount, now);
    windowStartMs = event.windowEnd();
    windowStartCount = now.eventCount();
    producer.send(
        new ProducerRecord<>(topic, null, event.windowEnd(), key, MetricsCodec.encode(event)),
        (metadata, error) -> {
          if (error == null) {
            published.increment();
          } else {
            failed.increment();
            failureLog.warn(
                "Metrics event for '{}' not published to '{}': {}",
                source,
                topic,
                KafkaProperties.scrub(error.getMessage()));
          }
        });
    return event;
  }

  private void publishQuietly() {
    try {
      publishNow();
    } catch (RuntimeException e) {
      failed.increment();
      failureLog.warn("Metrics publishing failed: {}", KafkaProperties.scrub(e.getMessage()));
    }
  }

  /**
   * Events acknowledged by Kafka so far.
   *
   * @return the count
   */
  public long published() {
    return published.sum();
  }

  /**
   * Events that could not be published.
   *
   * @return the count
   */
  public long failed() {
    return failed.sum();
  }

  /** Stops the timer, publishes the last window and closes within the close timeout. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Daemons.stop(scheduler);
    publishQuietly();
    Daemons.closeBounded("metrics producer", () -> producer.close(closeTimeout), closeTimeout);
  }

  /** Builds and starts a {@link MetricsPublisher}. */
  public static final class Builder {
    private static final Set<String> RESERVED =
        Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    private String bootstrapServers;
    private String topic = DEFAULT_TOPIC;
    private String source;
    private Duration interval = Duration.ofSeconds(10);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private Supplier<? extends ClientStats> stats;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The Kafka brokers.
     *
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @return this builder
     * @throws RatingsConfigException if malformed
     */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = Checks.bootstrapServers(bootstrapServers);
      return this;
    }

    /**
     * The metrics topic (default {@value MetricsPublisher#DEFAULT_TOPIC}).
     *
     * @param topic a legal topic name
     * @return this builder
     * @throws RatingsConfigException if not a legal topic name
     */
    public Builder topic(String topic) {
      this.topic = Checks.topic("topic", topic);
      return this;
    }

    /**
     * The source name put in every event and used as the record key (required).
     *
     * @param source e.g. {@code "rating-producer"}
     * @return this builder
     * @throws RatingsConfigException if blank
     */
    public Builder source(String source) {
      if (source == null || source.isBlank()) {
        throw new RatingsConfigException("source must not be blank but was '" + source + "'");
      }
      this.source = source;
      return this;
    }

    /**
     * Where the stats come from (required), e.g. {@code producer::stats} or {@code
     * consumer::stats}.
     *
     * @param stats the stats supplier, called on the publisher's thread
     * @return this builder
     */
    public Builder stats(Supplier<? extends ClientStats> stats) {
      this.stats = Checks.notNull("stats", stats);
      return this;
    }

    /**
     * How often to publish (default 10 s).
     *
     * @param interval between 10 ms and 1 day
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder interval(Duration interval) {
      this.interval =
          Checks.duration("interval", interval, Duration.ofMillis(10), Duration.ofDays(1));
      return this;
    }

    /**
     * How long close waits for the last events (default 10 s).
     *
     * @param timeout between 0 and 10 min
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout =
          Checks.duration("closeTimeout", timeout, Duration.ZERO, Duration.ofMinutes(10));
      return this;
    }

    /**
     * Passes a Kafka producer property through (e.g. security settings).
     *
     * @param key a producer config name
     * @param value its value
     * @return this builder
     * @throws RatingsConfigException if unknown, a serializer, or null
     */
    public Builder property(String key, Object value) {
      KafkaProperties.validateOne("producer", ProducerConfig.configDef(), key, value, RESERVED);
      properties.put(key, value);
      return this;
    }

    /**
     * Starts publishing with a Kafka producer created from the settings.
     *
     * @return the running publisher
     * @throws RatingsConfigException if a setting is missing or invalid
     */
    public MetricsPublisher start() {
      requireSourceAndStats();
      Map<String, Object> p = new HashMap<>();
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      p.putAll(properties);
      if (bootstrapServers != null) {
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      }
      if (!p.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        throw new RatingsConfigException("bootstrapServers is required");
      }
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      KafkaProperties.validate("producer", ProducerConfig.configDef(), p, Set.of(), true);
      Producer<byte[], byte[]> producer;
      try {
        producer = new KafkaProducer<>(p);
      } catch (KafkaException e) {
        throw KafkaProperties.creationFailed("metrics producer", e, p);
      }
      return new MetricsPublisher(this, producer);
    }

    /**
     * Starts publishing through a given producer (e.g. Kafka's {@code MockProducer} in tests),
     * which the publisher closes.
     *
     * @param producer the producer
     * @return the running publisher
     * @throws RatingsConfigException if source or stats are missing
     */
    public MetricsPublisher start(Producer<byte[], byte[]> producer) {
      requireSourceAndStats();
      return new MetricsPublisher(this, Checks.notNull("producer", producer));
    }

    private void requireSourceAndStats() {
      if (source == null) {
        throw new RatingsConfigException("source is required");
      }
      if (stats == null) {
        throw new RatingsConfigException("stats is required");
      }
    }
  }
}
