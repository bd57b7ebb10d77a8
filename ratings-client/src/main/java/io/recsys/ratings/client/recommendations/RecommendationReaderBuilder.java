package io.recsys.ratings.client.recommendations;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.internal.Checks;
import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.schema.RecommendationValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Builds a Kafka-backed {@link RecommendationReader}. Each setter checks its argument at once and
 * names the bad value and the allowed range; {@link #build()} checks the passed-through Kafka
 * properties against kafka-clients' consumer configs.
 *
 * <p>Defaults: topic {@value #DEFAULT_TOPIC}, validator {@link RecommendationValidator#defaults()}
 * (any positive id), poll timeout 500 ms, partition discovery every 30 s, close timeout 10 s,
 * client id {@code ratings-recommendation-reader}, {@code max.poll.records=2000}, {@code
 * allow.auto.create.topics=false}, {@code metadata.max.age.ms} equal to the discovery interval. The
 * reader has no consumer group and commits nothing: the SDK sets {@code group.id} (none), the
 * deserializers, {@code enable.auto.commit=false} and {@code auto.offset.reset=earliest}; these
 * cannot be passed through.
 */
public final class RecommendationReaderBuilder {

  /** The default topic: {@value}. */
  public static final String DEFAULT_TOPIC = "recommendations";

  private static final Set<String> RESERVED =
      Set.of(
          ConsumerConfig.GROUP_ID_CONFIG,
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);

  private String bootstrapServers;
  private String topic = DEFAULT_TOPIC;
  private RecommendationValidator validator = RecommendationValidator.defaults();
  private Duration pollTimeout = Duration.ofMillis(500);
  private Duration partitionDiscoveryInterval = Duration.ofSeconds(30);
  private Duration closeTimeout = Duration.ofSeconds(10);
  private final Map<String, Object> properties = new LinkedHashMap<>();

  RecommendationReaderBuilder() {}

  /**
   * The Kafka brokers to connect to first (required, here or as property {@code
   * bootstrap.servers}).
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @return this builder
   * @throws RatingsConfigException if empty or an entry has no valid port
   */
  public RecommendationReaderBuilder bootstrapServers(String bootstrapServers) {
    this.bootstrapServers = Checks.bootstrapServers(bootstrapServers);
    return this;
  }

  /**
   * The topic to read (default {@value #DEFAULT_TOPIC}).
   *
   * @param topic a legal Kafka topic name
   * @return this builder
   * @throws RatingsConfigException if not a legal topic name
   */
  public RecommendationReaderBuilder topic(String topic) {
    this.topic = Checks.topic("topic", topic);
    return this;
  }

  /**
   * The validator decoded events are checked with (default: any positive id). An event it refuses
   * is counted as invalid and skipped.
   *
   * @param validator the validator, e.g. {@code RecommendationValidator.of(RatingBounds.ML_25M)}
   * @return this builder
   * @throws RatingsConfigException if null
   */
  public RecommendationReaderBuilder validator(RecommendationValidator validator) {
    this.validator = Checks.notNull("validator", validator);
    return this;
  }

  /**
   * The longest one poll waits for records (default 500 ms); also bounds how long {@link
   * RecommendationReader#close()} waits for the thread to notice.
   *
   * @param timeout 1 ms to 10 s
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RecommendationReaderBuilder pollTimeout(Duration timeout) {
    this.pollTimeout =
        Checks.duration("pollTimeout", timeout, Duration.ofMillis(1), Duration.ofSeconds(10));
    return this;
  }

  /**
   * How often the reader looks for partitions added to the topic, or for the topic itself while it
   * does not exist (default 30 s).
   *
   * @param interval 100 ms to 1 h
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RecommendationReaderBuilder partitionDiscoveryInterval(Duration interval) {
    this.partitionDiscoveryInterval =
        Checks.duration(
            "partitionDiscoveryInterval", interval, Duration.ofMillis(100), Duration.ofHours(1));
    return this;
  }

  /**
   * The bound of {@link RecommendationReader#close()} (default 10 s).
   *
   * @param timeout 0 to 5 min
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RecommendationReaderBuilder closeTimeout(Duration timeout) {
    this.closeTimeout =
        Checks.duration("closeTimeout", timeout, Duration.ZERO, Duration.ofMinutes(5));
    return this;
  }

  /**
   * Passes one Kafka consumer property through, e.g. security settings or {@code client.id}.
   *
   * @param key a consumer config name of kafka-clients
   * @param value its value
   * @return this builder
   * @throws RatingsConfigException if the name is unknown or set by the SDK ({@code group.id}, the
   *     deserializers, {@code enable.auto.commit}, {@code auto.offset.reset}), or the value null
   */
  public RecommendationReaderBuilder property(String key, Object value) {
    KafkaProperties.validateOne("consumer", ConsumerConfig.configDef(), key, value, RESERVED);
    properties.put(key, value);
    return this;
  }

  /**
   * Passes Kafka consumer properties through; see {@link #property(String, Object)}.
   *
   * @param props the properties
   * @return this builder
   * @throws RatingsConfigException on the first unknown or reserved name or null value
   */
  public RecommendationReaderBuilder properties(Map<String, ?> props) {
    Checks.notNull("properties", props).forEach(this::property);
    return this;
  }

  ReaderSettings settings() {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "ratings-recommendation-reader");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    // looking for a topic must not create it with the broker's defaults (it must be compacted)
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // partitionsFor answers from the metadata cache: refresh it as often as partitions are sought
    c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, partitionDiscoveryInterval.toMillis());
    c.putAll(properties);
    if (bootstrapServers != null) {
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (!c.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new RatingsConfigException(
          "bootstrapServers is required (or pass property bootstrap.servers)");
    }
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaProperties.validate("consumer", ConsumerConfig.configDef(), c, Set.of(), true);
    return new ReaderSettings(
        topic, Map.copyOf(c), validator, pollTimeout, partitionDiscoveryInterval, closeTimeout);
  }

  /**
   * Checks every setting and describes them, secrets masked, without connecting.
   *
   * @return a description of the effective configuration
   * @throws RatingsConfigException if a setting is missing or invalid
   */
  public String describe() {
    return settings().toString();
  }

  /**
   * Builds the reader. Does not connect yet: call {@link RecommendationReader#start()}.
   *
   * @return a new reader
   * @throws RatingsConfigException if a setting is missing or invalid, or Kafka refuses the
   *     configuration (the message never shows a secret)
   */
  public RecommendationReader build() {
    return KafkaRecommendationReader.create(settings());
  }

  @Override
  public String toString() {
    return "RecommendationReaderBuilder{topic="
        + topic
        + ", bootstrapServers="
        + bootstrapServers
        + ", kafka="
        + KafkaProperties.masked(properties)
        + "}";
  }
}
