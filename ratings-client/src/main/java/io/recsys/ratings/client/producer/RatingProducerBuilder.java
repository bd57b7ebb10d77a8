package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.Tracing;
import io.recsys.ratings.client.internal.Checks;
import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds a Kafka-backed {@link RatingProducer}. Each setter checks its argument at once and names
 * the bad value and the allowed range; {@link #build()} checks the passed-through Kafka properties
 * against kafka-clients' producer configs.
 *
 * <p>Defaults: topic {@value #DEFAULT_TOPIC}, {@code acks=all}, {@code enable.idempotence=true},
 * {@code compression.type=lz4}, {@code linger.ms=10}, {@code batch.size=131072}, delivery timeout
 * 120 s, max block 30 s, close timeout 30 s, stats interval 10 s, validator {@link
 * RatingValidator#defaults()} (MovieLens 20M bounds). Passed-through properties override the Kafka
 * defaults; the serializers cannot be overridden.
 */
public final class RatingProducerBuilder {

  /** The default topic. */
  public static final String DEFAULT_TOPIC = "ratings";

  private static final Set<String> RESERVED =
      Set.of(
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

  private String bootstrapServers;
  private String topic = DEFAULT_TOPIC;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private RatingValidator validator = RatingValidator.defaults();
  private Duration statsInterval = Duration.ofSeconds(10);
  private Duration closeTimeout = Duration.ofSeconds(30);
  private Duration deliveryTimeout = Duration.ofSeconds(120);
  private Duration maxBlock = Duration.ofSeconds(30);
  private ProducerStatsListener statsListener;
  private SendListener sendListener;
  private ProducerObserver observer;
  private Tracing tracing = Tracing.off();
  private int latencySampling = DEFAULT_LATENCY_SAMPLING;

  RatingProducerBuilder() {}

  /**
   * The Kafka brokers to connect to first.
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @return this builder
   * @throws RatingsConfigException if empty or an entry has no valid port
   */
  public RatingProducerBuilder bootstrapServers(String bootstrapServers) {
    this.bootstrapServers = Checks.bootstrapServers(bootstrapServers);
    return this;
  }

  /**
   * The topic to send to (default {@value #DEFAULT_TOPIC}).
   *
   * @param topic a legal Kafka topic name
   * @return this builder
   * @throws RatingsConfigException if not a legal topic name
   */
  public RatingProducerBuilder topic(String topic) {
    this.topic = Checks.topic("topic", topic);
    return this;
  }

  /**
   * Passes one Kafka producer property through (e.g. security settings, {@code linger.ms}).
   *
   * @param key a producer config name of kafka-clients
   * @param value its value (a String or the config's Java type)
   * @return this builder
   * @throws RatingsConfigException if the name is unknown, reserved (serializers) or the value null
   */
  public RatingProducerBuilder property(String key, Object value) {
    KafkaProperties.validateOne("producer", ProducerConfig.configDef(), key, value, RESERVED);
    properties.put(key, value);
    return this;
  }

  /**
   * Passes Kafka producer properties through; see {@link #property(String, Object)}.
   *
   * @param props the properties
   * @return this builder
   * @throws RatingsConfigException on the first unknown or reserved name or null value
   */
  public RatingProducerBuilder properties(Map<String, ?> props) {
    Checks.notNull("properties", props).forEach(this::property);
    return this;
  }

  /**
   * The validator events are checked with before sending.
   *
   * @param validator the validator
   * @return this builder
   */
  public RatingProducerBuilder validator(RatingValidator validator) {
    this.validator = Checks.notNull("validator", validator);
    return this;
  }

  /**
   * Validate against these id bounds (shortcut for {@code validator(RatingValidator.of(bounds))}).
   *
   * @param bounds the bounds, e.g. {@link RatingBounds#ML_25M}
   * @return this builder
   */
  public RatingProducerBuilder bounds(RatingBounds bounds) {
    return validator(RatingValidator.of(Checks.notNull("bounds", bounds)));
  }

  /**
   * Kafka's {@code delivery.timeout.ms}: how long a send may take, retries included, before it
   * fails (default 120 s). If {@code request.timeout.ms} is not passed through it is lowered to
   * fit.
   *
   * @param timeout between 1 s and 1 day
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingProducerBuilder deliveryTimeout(Duration timeout) {
    this.deliveryTimeout =
        Checks.duration("deliveryTimeout", timeout, Duration.ofSeconds(1), Duration.ofDays(1));
    return this;
  }

  /**
   * Kafka's {@code max.block.ms}: how long {@code send} may block for metadata or buffer space
   * (default 30 s).
   *
   * @param maxBlock between 0 and 10 min
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingProducerBuilder maxBlock(Duration maxBlock) {
    this.maxBlock = Checks.duration("maxBlock", maxBlock, Duration.ZERO, Duration.ofMinutes(10));
    return this;
  }

  /**
   * How long {@link RatingProducer#close()} waits for outstanding acknowledgements (default 30 s).
   *
   * @param timeout between 0 and 10 min
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingProducerBuilder closeTimeout(Duration timeout) {
    this.closeTimeout =
        Checks.duration("closeTimeout", timeout, Duration.ZERO, Duration.ofMinutes(10));
    return this;
  }

  /**
   * Receives a stats snapshot every {@link #statsInterval(Duration)} and at close.
   *
   * @param listener the listener; null for none
   * @return this builder
   */
  public RatingProducerBuilder statsListener(ProducerStatsListener listener) {
    this.statsListener = listener;
    return this;
  }

  /**
   * How often the stats listener is called (default 10 s).
   *
   * @param interval between 10 ms and 1 day
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingProducerBuilder statsInterval(Duration interval) {
    this.statsInterval =
        Checks.duration("statsInterval", interval, Duration.ofMillis(10), Duration.ofDays(1));
    return this;
  }

  /**
   * Receives the outcome of every send (see {@link SendListener} for the threads it runs on).
   *
   * @param listener the listener; null for none
   * @return this builder
   */
  public RatingProducerBuilder sendListener(SendListener listener) {
    this.sendListener = listener;
    return this;
  }

  /**
   * Observes the outcome and latency of every send, e.g. for metrics (see {@link
   * ProducerObserver}). With an observer every send is timed, whatever {@link #latencySampling}.
   *
   * @param observer the observer; null for none (the default: no call, no extra clock read)
   * @return this builder
   */
  public RatingProducerBuilder observer(ProducerObserver observer) {
    this.observer = observer;
    return this;
  }

  /**
   * Writes the current trace context ({@code traceparent}, {@code tracestate}) into the headers of
   * every record sent, through the OpenTelemetry API (see {@link Tracing}). Off by default.
   *
   * @param tracing {@link Tracing#global()}, {@link Tracing#of}, or {@link Tracing#off()}
   * @return this builder
   */
  public RatingProducerBuilder tracing(Tracing tracing) {
    this.tracing = Checks.notNull("tracing", tracing);
    return this;
  }

  /** The default {@link #latencySampling(int)}: one send in eight is timed. */
  public static final int DEFAULT_LATENCY_SAMPLING = 8;

  /**
   * Times one in {@code oneIn} events sent with {@code send}, {@code sendAll} or {@code submit},
   * chosen at random, for {@link ProducerStats#sendToAckLatency()} ({@code sendAndWait} times every
   * event). Timing an event costs two clock reads and a histogram update, one of each on Kafka's
   * I/O thread; timing every event cost about a quarter of {@code send}'s throughput on the
   * benchmark machine. Use 1 for exact latency counts where the rate is low (e.g. a few events a
   * second) or the figures are reported per run, as the {@code ratings produce} CLI does.
   *
   * @param oneIn a power of two from 1 (every event) to 1024; default {@value
   *     #DEFAULT_LATENCY_SAMPLING}
   * @return this builder
   * @throws RatingsConfigException if not a power of two in that range
   */
  public RatingProducerBuilder latencySampling(int oneIn) {
    Checks.range("latencySampling", oneIn, 1, 1024);
    if (Integer.bitCount(oneIn) != 1) {
      throw new RatingsConfigException(
          "latencySampling must be a power of two (1, 2, 4, ..., 1024), got " + oneIn);
    }
    this.latencySampling = oneIn;
    return this;
  }

  /**
   * Checks every setting and returns them as an immutable value, without connecting.
   *
   * @return the configuration
   * @throws RatingsConfigException if bootstrap servers are missing or a Kafka property is invalid
   */
  public RatingProducerConfig config() {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
    p.putAll(properties);
    if (bootstrapServers != null) {
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (!p.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new RatingsConfigException(
          "bootstrapServers is required (or pass property bootstrap.servers)");
    }
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    KafkaProperties.validate("producer", ProducerConfig.configDef(), p, Set.of(), true);
    Map<String, Object> parsed = ProducerConfig.configDef().parse(p);
    if (!properties.containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
      long delivery = ((Number) parsed.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).longValue();
      long linger = ((Number) parsed.get(ProducerConfig.LINGER_MS_CONFIG)).longValue();
      long request = ((Number) parsed.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)).longValue();
      if (linger + request > delivery) {
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, delivery - linger));
      }
    }
    return new RatingProducerConfig(
        topic,
        p,
        validator,
        statsInterval,
        closeTimeout,
        statsListener,
        sendListener,
        latencySampling,
        observer,
        tracing.recordTracer());
  }

  /**
   * Builds the Kafka-backed producer. Does not wait for the brokers: an unreachable broker shows as
   * failed sends (after {@code max.block} or the delivery timeout).
   *
   * @return the producer
   * @throws RatingsConfigException if a setting is missing or invalid
   */
  public RatingProducer build() {
    return new KafkaRatingProducer(config());
  }
}
