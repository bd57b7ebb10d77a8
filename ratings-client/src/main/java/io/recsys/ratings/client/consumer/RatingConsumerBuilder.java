package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.Tracing;
import io.recsys.ratings.client.internal.Checks;
import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.client.producer.RatingProducerBuilder;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * Builds a Kafka-backed {@link RatingConsumer}. Each setter checks its argument at once and names
 * the bad value and the allowed range; {@link #build()} checks the passed-through Kafka properties
 * against kafka-clients' consumer configs.
 *
 * <p>Defaults: topic {@value RatingProducerBuilder#DEFAULT_TOPIC}, start position {@link
 * StartPosition#EARLIEST}, no reset, no stop condition (runs until stopped), a handler that does
 * nothing, no dead-letter topic, {@link FailurePolicy#defaults()} (without a dead-letter topic a
 * record the handler keeps failing on stops the consumer, uncommitted), poll timeout 500 ms, close
 * timeout 30 s, startup timeout 10 s, dead-letter timeout 15 s, stats interval 10 s, validator
 * {@link RatingValidator#defaults()}. The SDK sets the deserializers, {@code
 * enable.auto.commit=false} and {@code auto.offset.reset} (from the start position); these cannot
 * be passed through.
 */
public final class RatingConsumerBuilder {
  private static final Set<String> RESERVED =
      Set.of(
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
  private static final Set<String> PRODUCER_RESERVED =
      Set.of(
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

  /** {@link #DEFAULT_COMMIT_INTERVAL} in milliseconds. */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 250;

  /**
   * The default {@link #commitInterval(Duration)}: 250 ms, so at most four commits a second per
   * consumer.
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL =
      Duration.ofMillis(DEFAULT_COMMIT_INTERVAL_MS);

  /** The default {@link #startupTimeout(Duration)}: 10 s. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);

  /** The default {@link #deadLetterTimeout(Duration)}: 15 s. */
  public static final Duration DEFAULT_DEAD_LETTER_TIMEOUT = Duration.ofSeconds(15);

  private String bootstrapServers;
  private String groupId;
  private String topic = RatingProducerBuilder.DEFAULT_TOPIC;
  private StartPosition startPosition = StartPosition.EARLIEST;
  private boolean resetToBeginning;
  private long maxMessages;
  private Duration idleTimeout;
  private Duration pollTimeout = Duration.ofMillis(500);
  private Duration closeTimeout = Duration.ofSeconds(30);
  private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
  private CommitMode commitMode = CommitMode.PIPELINED;
  private Duration statsInterval = Duration.ofSeconds(10);
  private RatingHandler handler = (event, context) -> {};
  private ConsumerStatsListener statsListener;
  private ConsumerObserver observer;
  private Tracing tracing = Tracing.off();
  private String deadLetterTopic;
  private RatingValidator validator = RatingValidator.defaults();
  private FailurePolicy failurePolicy = FailurePolicy.defaults();
  private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
  private Duration deadLetterTimeout = DEFAULT_DEAD_LETTER_TIMEOUT;
  private String metricsTopic;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final Map<String, Object> deadLetterProperties = new LinkedHashMap<>();

  RatingConsumerBuilder() {}

  /**
   * The Kafka brokers to connect to first.
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @return this builder
   * @throws RatingsConfigException if empty or an entry has no valid port
   */
  public RatingConsumerBuilder bootstrapServers(String bootstrapServers) {
    this.bootstrapServers = Checks.bootstrapServers(bootstrapServers);
    return this;
  }

  /**
   * The consumer group (required): offsets are committed for it.
   *
   * @param groupId a non-blank group id
   * @return this builder
   * @throws RatingsConfigException if blank
   */
  public RatingConsumerBuilder groupId(String groupId) {
    if (groupId == null || groupId.isBlank()) {
      throw new RatingsConfigException("groupId must not be blank but was '" + groupId + "'");
    }
    this.groupId = groupId;
    return this;
  }

  /**
   * The topic to consume (default {@value RatingProducerBuilder#DEFAULT_TOPIC}).
   *
   * @param topic a legal Kafka topic name
   * @return this builder
   * @throws RatingsConfigException if not a legal topic name
   */
  public RatingConsumerBuilder topic(String topic) {
    this.topic = Checks.topic("topic", topic);
    return this;
  }

  /**
   * Where to start in partitions the group has no committed offset for (default EARLIEST).
   *
   * @param position the start position
   * @return this builder
   */
  public RatingConsumerBuilder startPosition(StartPosition position) {
    this.startPosition = Checks.notNull("startPosition", position);
    return this;
  }

  /**
   * Moves the group to the beginning: each partition assigned to this consumer during {@link
   * RatingConsumer#run()} is read from its oldest record, once per run, whatever the group had
   * committed (the new offsets are committed as records are processed).
   *
   * @param reset whether to reset
   * @return this builder
   */
  public RatingConsumerBuilder resetToBeginning(boolean reset) {
    this.resetToBeginning = reset;
    return this;
  }

  /**
   * Stops after this many records (of any kind) were processed; 0 (the default) for no limit.
   *
   * @param maxMessages zero or more
   * @return this builder
   * @throws RatingsConfigException if negative
   */
  public RatingConsumerBuilder maxMessages(long maxMessages) {
    this.maxMessages = Checks.range("maxMessages", maxMessages, 0, Long.MAX_VALUE);
    return this;
  }

  /**
   * Stops when no record arrived for this long (default: never).
   *
   * @param idleTimeout between 1 ms and 1 day
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingConsumerBuilder idleTimeout(Duration idleTimeout) {
    this.idleTimeout =
        Checks.duration("idleTimeout", idleTimeout, Duration.ofMillis(1), Duration.ofDays(1));
    return this;
  }

  /**
   * The longest a single poll waits for records (default 500 ms); also bounds how late an idle
   * timeout or a stop request is noticed.
   *
   * @param pollTimeout between 1 ms and 1 min
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingConsumerBuilder pollTimeout(Duration pollTimeout) {
    this.pollTimeout =
        Checks.duration("pollTimeout", pollTimeout, Duration.ofMillis(1), Duration.ofMinutes(1));
    return this;
  }

  /**
   * The longest the final commit, the Kafka clients' close, and {@link RatingConsumer#close()} each
   * wait (default 30 s).
   *
   * @param closeTimeout between 0 and 10 min
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingConsumerBuilder closeTimeout(Duration closeTimeout) {
    this.closeTimeout =
        Checks.duration("closeTimeout", closeTimeout, Duration.ZERO, Duration.ofMinutes(10));
    return this;
  }

  /**
   * How the polling loop commits offsets (default {@link CommitMode#PIPELINED}: asynchronously, at
   * most one commit in flight; {@link CommitMode#SYNCHRONOUS} waits for each commit). With {@code
   * commitInterval(Duration.ZERO)} and {@code SYNCHRONOUS} a crash re-delivers at most one poll
   * batch; see {@link CommitMode} for the other combinations.
   *
   * @param commitMode the mode
   * @return this builder
   * @throws RatingsConfigException if null
   */
  public RatingConsumerBuilder commitMode(CommitMode commitMode) {
    if (commitMode == null) {
      throw new RatingsConfigException("commitMode must not be null");
    }
    this.commitMode = commitMode;
    return this;
  }

  /**
   * The least time between two offset commits of the polling loop: after a poll batch, the loop
   * commits when at least this long has passed since its previous commit (default {@value
   * #DEFAULT_COMMIT_INTERVAL_MS} ms; zero commits after every poll batch).
   *
   * <p>Commits cover only records whose handler returned and whose dead letters were acknowledged
   * (at-least-once whatever the interval). A rebalance, a stop and {@link RatingConsumer#close()}
   * commit everything processed, whatever the interval, and so does a poll that returns nothing.
   * What the interval bounds is a crash (a killed process, no stop, no close): everything processed
   * since the last commit the broker confirmed is read again, so at most about one interval's worth
   * of records plus the poll batches of {@link #commitMode(CommitMode)}. Each commit costs a round
   * trip and a write to {@code __consumer_offsets}: committing after every batch of 2,000 records
   * halves throughput in the benchmark harness (docs/performance.md).
   *
   * @param commitInterval between 0 and 1 min
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingConsumerBuilder commitInterval(Duration commitInterval) {
    this.commitInterval =
        Checks.duration("commitInterval", commitInterval, Duration.ZERO, Duration.ofMinutes(1));
    return this;
  }

  /**
   * What happens when the handler throws: retries with a backoff, retry topics, then dead-letter,
   * stop or skip (default {@link FailurePolicy#defaults()}: three attempts, then the dead-letter
   * topic if there is one, else a stop without committing the record).
   *
   * @param policy the policy
   * @return this builder
   * @throws RatingsConfigException if null
   */
  public RatingConsumerBuilder failurePolicy(FailurePolicy policy) {
    this.failurePolicy = Checks.notNull("failurePolicy", policy);
    return this;
  }

  /**
   * The bound of the checks {@link RatingConsumer#run()} makes first (default 10 s): the cluster
   * answers (else the run ends with {@link ConsumerResult.StopReason#CLUSTER_UNREACHABLE}), the
   * consumed topic exists or is created meanwhile (else {@link
   * ConsumerResult.StopReason#TOPIC_NOT_FOUND}), the dead-letter and retry topics exist and may be
   * written (else {@code run()} throws, naming the topic).
   *
   * @param timeout between 100 ms and 10 min
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingConsumerBuilder startupTimeout(Duration timeout) {
    this.startupTimeout =
        Checks.duration("startupTimeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(10));
    return this;
  }

  /**
   * The bound of one dead-letter or retry-topic send (default 15 s): the producer's {@code
   * max.block.ms} and {@code delivery.timeout.ms} (and {@code request.timeout.ms} within it),
   * unless set with {@link #deadLetterProperty}. A send that fails for a reason retrying may fix is
   * tried again, at most three times in all; then, or on a failure retrying cannot fix
   * (authorization, topic gone, record still too large), {@link RatingConsumer#run()} stops with an
   * exception and commits nothing past the record.
   *
   * @param timeout between 1 s and 5 min
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingConsumerBuilder deadLetterTimeout(Duration timeout) {
    this.deadLetterTimeout =
        Checks.duration("deadLetterTimeout", timeout, Duration.ofSeconds(1), Duration.ofMinutes(5));
    return this;
  }

  /**
   * The handler of valid events (default: does nothing, the consumer only counts).
   *
   * @param handler the handler
   * @return this builder
   */
  public RatingConsumerBuilder handler(RatingHandler handler) {
    this.handler = Checks.notNull("handler", handler);
    return this;
  }

  /**
   * Receives stats every {@link #statsInterval(Duration)} and at the end of the run.
   *
   * @param listener the listener; null for none
   * @return this builder
   */
  public RatingConsumerBuilder statsListener(ConsumerStatsListener listener) {
    this.statsListener = listener;
    return this;
  }

  /**
   * Observes the outcome of every record and the time its handler took, e.g. for metrics (see
   * {@link ConsumerObserver}).
   *
   * @param observer the observer; null for none (the default: no call, no extra clock read)
   * @return this builder
   */
  public RatingConsumerBuilder observer(ConsumerObserver observer) {
    this.observer = observer;
    return this;
  }

  /**
   * Runs the handler inside an OpenTelemetry {@code CONSUMER} span whose parent is the trace
   * context in the record's headers ({@code traceparent}, as a producer with tracing writes it), so
   * the spans the handler starts join the producer's trace (see {@link Tracing}). Off by default.
   *
   * @param tracing {@link Tracing#global()}, {@link Tracing#of}, or {@link Tracing#off()}
   * @return this builder
   */
  public RatingConsumerBuilder tracing(Tracing tracing) {
    this.tracing = Checks.notNull("tracing", tracing);
    return this;
  }

  /**
   * How often the stats listener is called (default 10 s).
   *
   * @param interval between 10 ms and 1 day
   * @return this builder
   * @throws RatingsConfigException if out of range
   */
  public RatingConsumerBuilder statsInterval(Duration interval) {
    this.statsInterval =
        Checks.duration("statsInterval", interval, Duration.ofMillis(10), Duration.ofDays(1));
    return this;
  }

  /**
   * Publishes the consumer's stats to a metrics topic while it runs: one {@code MetricsEvent} per
   * {@link #statsInterval(Duration)} window and one for the last window when the run ends, keyed
   * and sourced by the consumer's {@code client.id} (its group id if none is set; each member of a
   * {@link RatingConsumerRuntime} has its own). Published by a {@link
   * io.recsys.ratings.client.metrics.MetricsPublisher} on its own thread and producer (the
   * consumer's bootstrap and security settings): a slow or unreachable metrics topic never stalls
   * or stops the polling loop; failed events are counted and logged at WARN, rate-limited. Off by
   * default; null turns it off. Only the consumer of {@link #build()} publishes (not one built
   * around given clients).
   *
   * @param metricsTopic a legal topic name, e.g. {@value
   *     io.recsys.ratings.client.metrics.MetricsPublisher#DEFAULT_TOPIC}; or null for none
   * @return this builder
   * @throws RatingsConfigException if not a legal topic name
   */
  public RatingConsumerBuilder publishStatsTo(String metricsTopic) {
    this.metricsTopic = metricsTopic == null ? null : Checks.topic("metricsTopic", metricsTopic);
    return this;
  }

  /**
   * Publishes invalid, malformed and handler-failed records to {@value
   * DeadLetterHeaders#DEFAULT_TOPIC}.
   *
   * @return this builder
   */
  public RatingConsumerBuilder deadLetterTopic() {
    return deadLetterTopic(DeadLetterHeaders.DEFAULT_TOPIC);
  }

  /**
   * Publishes invalid, malformed and handler-failed records to this topic, with the headers of
   * {@link DeadLetterHeaders}; null for none (the default).
   *
   * @param topic a legal Kafka topic name, or null
   * @return this builder
   * @throws RatingsConfigException if not a legal topic name
   */
  public RatingConsumerBuilder deadLetterTopic(String topic) {
    this.deadLetterTopic = topic == null ? null : Checks.topic("deadLetterTopic", topic);
    return this;
  }

  /**
   * The validator events are checked with.
   *
   * @param validator the validator
   * @return this builder
   */
  public RatingConsumerBuilder validator(RatingValidator validator) {
    this.validator = Checks.notNull("validator", validator);
    return this;
  }

  /**
   * Validate against these id bounds.
   *
   * @param bounds the bounds
   * @return this builder
   */
  public RatingConsumerBuilder bounds(RatingBounds bounds) {
    return validator(RatingValidator.of(Checks.notNull("bounds", bounds)));
  }

  /**
   * Passes one Kafka consumer property through. Security settings ({@code security.*}, {@code
   * sasl.*}, {@code ssl.*}) are also used for the dead-letter producer.
   *
   * @param key a consumer config name of kafka-clients
   * @param value its value
   * @return this builder
   * @throws RatingsConfigException if the name is unknown or set by the SDK, or the value null
   */
  public RatingConsumerBuilder property(String key, Object value) {
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
  public RatingConsumerBuilder properties(Map<String, ?> props) {
    Checks.notNull("properties", props).forEach(this::property);
    return this;
  }

  /**
   * Passes one Kafka producer property through to the dead-letter producer.
   *
   * @param key a producer config name of kafka-clients
   * @param value its value
   * @return this builder
   * @throws RatingsConfigException if the name is unknown or a serializer, or the value null
   */
  public RatingConsumerBuilder deadLetterProperty(String key, Object value) {
    KafkaProperties.validateOne(
        "producer", ProducerConfig.configDef(), key, value, PRODUCER_RESERVED);
    deadLetterProperties.put(key, value);
    return this;
  }

  ConsumerSettings settings() {
    if (groupId == null && !properties.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      throw new RatingsConfigException("groupId is required");
    }
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    c.putAll(properties);
    if (bootstrapServers != null) {
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (!c.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new RatingsConfigException(
          "bootstrapServers is required (or pass property bootstrap.servers)");
    }
    if (groupId != null) {
      c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, startPosition.name().toLowerCase(Locale.ROOT));
    // keys as Kafka's buffers (no copy); values decoded and validated as Kafka parses the fetch
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RatingValueDeserializer.class.getName());
    KafkaProperties.validate("consumer", ConsumerConfig.configDef(), c, Set.of(), true);

    if (failurePolicy.recoverer().orElse(null) == FailurePolicy.Recoverer.DEAD_LETTER
        && deadLetterTopic == null) {
      throw new RatingsConfigException(
          "failurePolicy recoverer DEAD_LETTER needs a dead-letter topic: set deadLetterTopic(...)"
              + " or choose STOP or SKIP");
    }
    for (Duration delay : failurePolicy.retryTopicDelays()) {
      String name = FailurePolicy.retryTopicName(topic, delay);
      Checks.topic("retry topic", name);
      if (name.equals(deadLetterTopic)) {
        throw new RatingsConfigException(
            "retry topic '" + name + "' must not be the dead-letter topic");
      }
    }
    Map<String, Object> shared = shared(c);
    Map<String, Object> d = null;
    if (deadLetterTopic != null || !failurePolicy.retryTopicDelays().isEmpty()) {
      d = new HashMap<>();
      d.put(ProducerConfig.ACKS_CONFIG, "all");
      d.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      d.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
      d.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      d.putAll(shared);
      d.putAll(deadLetterProperties);
      putTimeouts(d);
      d.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      d.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      KafkaProperties.validate("producer", ProducerConfig.configDef(), d, Set.of(), true);
    }
    Map<String, Object> a = new HashMap<>(shared);
    int startupMs = (int) startupTimeout.toMillis();
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, startupMs);
    a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, startupMs);
    a.put(
        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
        (long) Math.min(startupMs, 2_000));
    a.put(
        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
        (long) Math.min(startupMs, 4_000));
    Object clientId = c.get(ConsumerConfig.CLIENT_ID_CONFIG);
    if (clientId != null) {
      a.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-checks");
    }
    return new ConsumerSettings(
        topic,
        Map.copyOf(c),
        deadLetterTopic,
        d == null ? null : Map.copyOf(d),
        validator,
        handler,
        resetToBeginning,
        maxMessages,
        idleTimeout,
        pollTimeout,
        closeTimeout,
        commitInterval,
        commitMode,
        statsInterval,
        statsListener,
        failurePolicy,
        startupTimeout,
        deadLetterTimeout,
        Map.copyOf(a),
        observer,
        tracing.recordTracer());
  }

  /**
   * The consumer properties that the SDK's producers and admin clients share: servers, security.
   */
  private static Map<String, Object> shared(Map<String, Object> consumerProperties) {
    Map<String, Object> shared = new HashMap<>();
    for (Map.Entry<String, Object> e : consumerProperties.entrySet()) {
      String k = e.getKey();
      if (k.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
          || k.startsWith("security.")
          || k.startsWith("sasl.")
          || k.startsWith("ssl.")
          || k.equals(ConsumerConfig.CLIENT_DNS_LOOKUP_CONFIG)) {
        shared.put(k, e.getValue());
      }
    }
    return shared;
  }

  /**
   * Bounds every blocking step of a dead-letter send by {@link #deadLetterTimeout}, except where
   * the caller set them with {@link #deadLetterProperty}.
   */
  private void putTimeouts(Map<String, Object> d) {
    long t = deadLetterTimeout.toMillis();
    long linger = Long.parseLong(String.valueOf(d.get(ProducerConfig.LINGER_MS_CONFIG)));
    d.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, t);
    if (!deadLetterProperties.containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)
        && !deadLetterProperties.containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
      d.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(t, linger + 1_000));
      d.put(
          ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
          (int) Math.max(1_000, Math.min(30_000, t - linger)));
    }
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
   * Builds the Kafka-backed consumer (and the dead-letter producer if a dead-letter topic is set).
   * Does not connect yet.
   *
   * @return the consumer
   * @throws RatingsConfigException if a setting is missing or invalid
   */
  public RatingConsumer build() {
    ConsumerSettings s = settings();
    KafkaRatingConsumer consumer = new KafkaRatingConsumer(s);
    if (metricsTopic != null) {
      consumer.publishStats(StatsPublication.of(s, metricsTopic, shared(s.consumerProperties())));
    }
    return consumer;
  }

  /**
   * Builds one member of a {@link RatingConsumerRuntime}: this builder's settings with another
   * {@code client.id} and, if given, another handler. The builder is left as it was.
   *
   * @param clientId the member's client id
   * @param memberHandler its handler, or null for this builder's
   * @return the consumer
   */
  synchronized RatingConsumer buildMember(String clientId, RatingHandler memberHandler) {
    RatingHandler ownHandler = handler;
    Object ownClientId = properties.get(ConsumerConfig.CLIENT_ID_CONFIG);
    try {
      if (memberHandler != null) {
        handler = memberHandler;
      }
      properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
      return build();
    } finally {
      handler = ownHandler;
      if (ownClientId == null) {
        properties.remove(ConsumerConfig.CLIENT_ID_CONFIG);
      } else {
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, ownClientId);
      }
    }
  }

  /**
   * The name members of a runtime built from this template are named after: its {@code client.id},
   * or its group id.
   *
   * @return the base name
   * @throws RatingsConfigException if a setting is missing or invalid
   */
  String memberBaseName() {
    Map<String, Object> c = settings().consumerProperties();
    Object id = c.get(ConsumerConfig.CLIENT_ID_CONFIG);
    return String.valueOf(id != null ? id : c.get(ConsumerConfig.GROUP_ID_CONFIG));
  }

  /**
   * Builds the consumer around given Kafka clients instead of creating them: for unit tests with
   * Kafka's {@code MockConsumer} and {@code MockProducer}. The clients are taken over (closed by
   * the consumer). Bootstrap servers are not required here, and {@code run()} makes none of the
   * start-up checks of {@link #startupTimeout(Duration)} and does not watch for re-created topics
   * (they need a broker).
   *
   * @param consumer the Kafka consumer to poll
   * @param deadLetterProducer the producer for dead letters and retry topics; may be null if there
   *     is no dead-letter topic and no retry topic
   * @return the consumer
   * @throws RatingsConfigException if a setting is invalid or a dead-letter topic is set without a
   *     producer
   */
  public RatingConsumer build(
      Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetterProducer) {
    Checks.notNull("consumer", consumer);
    if (deadLetterTopic != null && deadLetterProducer == null) {
      throw new RatingsConfigException("deadLetterTopic is set but deadLetterProducer is null");
    }
    if (!failurePolicy.retryTopicDelays().isEmpty() && deadLetterProducer == null) {
      throw new RatingsConfigException(
          "failurePolicy has retry topics but deadLetterProducer (which publishes to them) is"
              + " null");
    }
    if (bootstrapServers == null && !properties.containsKey("bootstrap.servers")) {
      bootstrapServers = "localhost:9092";
    }
    return new KafkaRatingConsumer(settings(), consumer, deadLetterProducer);
  }
}
