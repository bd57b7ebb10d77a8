package io.recsys.ratings.admin;

import io.recsys.ratings.schema.TopicNames;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The wanted shape of one Kafka topic: name, partition count, replication factor, the topic configs
 * that matter, and whether its records are keyed. Immutable; every component is validated in the
 * constructor.
 *
 * <p>A <b>keyed</b> topic's producers choose the partition from the record key (the ratings topics:
 * the userId), so all records of a key are in one partition, in order. Adding partitions to such a
 * topic changes the partition of most keys: new records of a user go to another partition than
 * their earlier ones, and consumers may see them out of order. The provisioner therefore adds
 * partitions to a keyed topic only when explicitly allowed ({@link
 * ApplyMode#APPLY_ALLOW_REPARTITION}). Specs are keyed unless said otherwise ({@link
 * #withKeyed(boolean)}): the safe assumption.
 *
 * <p>Only the configs named here are compared with the cluster by {@link
 * TopicProvisioner#plan(java.util.Collection)}; every other config of the topic is left alone.
 *
 * <p>Built-in specs of the pipeline:
 *
 * <table>
 *   <caption>Built-in topic specs</caption>
 *   <tr><th>spec</th><th>topic</th><th>partitions</th><th>RF</th><th>configs</th>
 *       <th>keyed</th></tr>
 *   <tr><td>{@link #ratings()}</td><td>{@code ratings}</td><td>6</td><td>1</td>
 *       <td>{@code retention.ms=604800000} (7 days), {@code compression.type=lz4}</td>
 *       <td>yes (userId)</td></tr>
 *   <tr><td>{@link #metrics()}</td><td>{@code metrics}</td><td>3</td><td>1</td>
 *       <td>{@code retention.ms=2592000000} (30 days), {@code compression.type=gzip}</td>
 *       <td>no</td></tr>
 *   <tr><td>{@link #deadLetters()}</td><td>{@code ratings.dlq}</td><td>3</td><td>1</td>
 *       <td>{@code retention.ms=2592000000} (30 days), {@code compression.type=lz4}</td>
 *       <td>yes (the original key)</td></tr>
 *   <tr><td>{@link #retryTopic(String, Duration) retryTopic("ratings", 30 s)}</td>
 *       <td>{@code ratings.retry.30s}</td><td>6</td><td>1</td>
 *       <td>{@code retention.ms=604800000} (7 days), {@code compression.type=lz4}</td>
 *       <td>yes (the original key)</td></tr>
 *   <tr><td>{@link #recommendations()}</td><td>{@code recommendations}</td><td>6</td><td>1</td>
 *       <td>{@code cleanup.policy=compact}, {@code compression.type=lz4}</td>
 *       <td>yes (userId)</td></tr>
 * </table>
 *
 * <p>RF 1 suits a laptop or a test broker. For a production cluster use {@link #forProduction()}
 * (RF 3 and {@code min.insync.replicas=2}), or {@link #withReplicationFactor(int)} and {@link
 * #withConfig(String, String)} directly:
 *
 * <pre>{@code
 * List<TopicSpec> specs = TopicSpec.pipeline().stream().map(TopicSpec::forProduction).toList();
 * }</pre>
 *
 * @param name topic name: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, not {@code .} or {@code
 *     ..}
 * @param partitions number of partitions, at least 1
 * @param replicationFactor replicas per partition, 1 to {@value #MAX_REPLICATION_FACTOR}, or {@link
 *     #BROKER_DEFAULT_REPLICATION} to let the broker's {@code default.replication.factor} decide
 *     (the replication factor is then not compared with existing topics)
 * @param configs topic configs to enforce (key to value); an unmodifiable copy sorted by key
 * @param keyed whether producers partition the topic's records by key, so that adding partitions
 *     moves keys to other partitions and breaks their order (see above)
 */
public record TopicSpec(
    String name,
    int partitions,
    int replicationFactor,
    Map<String, String> configs,
    boolean keyed) {

  /** Name of the ratings topic: {@value}. */
  public static final String RATINGS_TOPIC = "ratings";

  /** Name of the metrics topic: {@value}. */
  public static final String METRICS_TOPIC = "metrics";

  /** Name of the dead-letter topic of the ratings consumer: {@value}. */
  public static final String DEAD_LETTER_TOPIC = "ratings.dlq";

  /** Replication factor meaning "use the broker's {@code default.replication.factor}": {@value}. */
  public static final int BROKER_DEFAULT_REPLICATION = -1;

  /** Largest replication factor accepted: {@value}. */
  public static final int MAX_REPLICATION_FACTOR = Short.MAX_VALUE;

  /** Longest topic name Kafka accepts: {@value}. */
  public static final int MAX_NAME_LENGTH = TopicNames.MAX_LENGTH;

  /** Topic config key of the retention time in milliseconds: {@value}. */
  public static final String RETENTION_MS = "retention.ms";

  /** Topic config key of the compression codec: {@value}. */
  public static final String COMPRESSION_TYPE = "compression.type";

  /** Topic config key of the minimum number of in-sync replicas: {@value}. */
  public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

  /** Partitions of a retry topic made by {@link #retryTopic(String, Duration)}: {@value}. */
  public static final int RETRY_TOPIC_PARTITIONS = 6;

  private static final String SEVEN_DAYS_MS = "604800000";
  private static final String THIRTY_DAYS_MS = "2592000000";

  /**
   * Validates every component and copies the configs.
   *
   * @param name topic name: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, not {@code .} or
   *     {@code ..}
   * @param partitions number of partitions, at least 1
   * @param replicationFactor replicas per partition, 1 to {@value #MAX_REPLICATION_FACTOR}, or
   *     {@link #BROKER_DEFAULT_REPLICATION} to let the broker's {@code default.replication.factor}
   *     decide (the replication factor is then not compared with existing topics)
   * @param configs topic configs to enforce (key to value); an unmodifiable copy sorted by key
   * @param keyed whether producers partition the topic's records by key
   * @throws IllegalArgumentException if a component is out of range; the message names the bad
   *     value and the allowed range
   * @throws NullPointerException if {@code name} or {@code configs}, or a config key or value, is
   *     null
   */
  public TopicSpec {
    validateName(name);
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "partitions of topic '" + name + "' must be >= 1, was " + partitions);
    }
    if (replicationFactor != BROKER_DEFAULT_REPLICATION
        && (replicationFactor < 1 || replicationFactor > MAX_REPLICATION_FACTOR)) {
      throw new IllegalArgumentException(
          "replicationFactor of topic '"
              + name
              + "' must be 1.."
              + MAX_REPLICATION_FACTOR
              + " or BROKER_DEFAULT_REPLICATION (-1), was "
              + replicationFactor);
    }
    Objects.requireNonNull(configs, "configs");
    TreeMap<String, String> copy = new TreeMap<>();
    configs.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, "config key of topic '" + name + "'");
          Objects.requireNonNull(value, "value of config '" + key + "' of topic '" + name + "'");
          if (key.isBlank()) {
            throw new IllegalArgumentException(
                "config keys of topic '" + name + "' must not be blank");
          }
          copy.put(key.trim(), value.trim());
        });
    configs = Collections.unmodifiableMap(copy);
  }

  /**
   * A keyed spec (the safe assumption, see the class description); use {@link #withKeyed(boolean)}
   * for a topic whose records are not partitioned by key.
   *
   * @param name topic name
   * @param partitions number of partitions, at least 1
   * @param replicationFactor replicas per partition, or {@link #BROKER_DEFAULT_REPLICATION}
   * @param configs topic configs to enforce (key to value)
   * @throws IllegalArgumentException if a component is out of range
   * @throws NullPointerException if {@code name} or {@code configs}, or a config key or value, is
   *     null
   */
  public TopicSpec(
      String name, int partitions, int replicationFactor, Map<String, String> configs) {
    this(name, partitions, replicationFactor, configs, true);
  }

  /**
   * A keyed spec without configs.
   *
   * @param name topic name
   * @param partitions number of partitions, at least 1
   * @param replicationFactor replicas per partition, or {@link #BROKER_DEFAULT_REPLICATION}
   * @return the spec
   * @throws IllegalArgumentException if a value is out of range
   */
  public static TopicSpec of(String name, int partitions, int replicationFactor) {
    return new TopicSpec(name, partitions, replicationFactor, Map.of());
  }

  /**
   * The {@value #RATINGS_TOPIC} topic: 6 partitions, RF 1, 7 days retention, lz4, keyed by userId.
   *
   * @return the spec
   */
  public static TopicSpec ratings() {
    return new TopicSpec(
        RATINGS_TOPIC, 6, 1, Map.of(RETENTION_MS, SEVEN_DAYS_MS, COMPRESSION_TYPE, "lz4"));
  }

  /**
   * The {@value #METRICS_TOPIC} topic: 3 partitions, RF 1, 30 days retention, gzip; not keyed (each
   * metrics record stands alone), so partitions may be added freely.
   *
   * @return the spec
   */
  public static TopicSpec metrics() {
    return new TopicSpec(
        METRICS_TOPIC, 3, 1, Map.of(RETENTION_MS, THIRTY_DAYS_MS, COMPRESSION_TYPE, "gzip"), false);
  }

  /**
   * The dead-letter topic {@value #DEAD_LETTER_TOPIC}: 3 partitions, RF 1, 30 days retention, lz4,
   * keyed (dead letters keep their original key, so a replay sends one user's records back in
   * order). Dead letters are few (a fraction of the ratings) but must stay long enough to be
   * inspected and replayed, hence fewer partitions and a longer retention than {@link #ratings()}.
   *
   * @return the spec
   */
  public static TopicSpec deadLetters() {
    return new TopicSpec(
        DEAD_LETTER_TOPIC, 3, 1, Map.of(RETENTION_MS, THIRTY_DAYS_MS, COMPRESSION_TYPE, "lz4"));
  }

  /** Name of the topic of the latest recommendations per user: {@value}. */
  public static final String RECOMMENDATIONS_TOPIC = "recommendations";

  /**
   * A retry topic of a source topic: records that failed are delayed there before they are handled
   * again. Named {@code <sourceTopic>.retry.<delay>} by the shared rule of {@link
   * TopicNames#retryTopic(String, Duration)} (e.g. {@code ratings.retry.30s}); {@value
   * #RETRY_TOPIC_PARTITIONS} partitions (the {@link #ratings()} default), RF 1, 7 days retention,
   * lz4, keyed (retried records keep their original key and, per key, their order).
   *
   * @param sourceTopic the topic whose records are retried, a legal topic name
   * @param delay the delay, a positive whole number of milliseconds
   * @return the spec
   * @throws IllegalArgumentException if the delay is not a positive whole number of milliseconds or
   *     the resulting name is not a legal topic name
   * @throws NullPointerException if an argument is null
   */
  public static TopicSpec retryTopic(String sourceTopic, Duration delay) {
    Objects.requireNonNull(sourceTopic, "sourceTopic");
    validateName(sourceTopic);
    return new TopicSpec(
        TopicNames.retryTopic(sourceTopic, delay),
        RETRY_TOPIC_PARTITIONS,
        1,
        Map.of(RETENTION_MS, SEVEN_DAYS_MS, COMPRESSION_TYPE, "lz4"),
        true);
  }

  /**
   * The {@value #RECOMMENDATIONS_TOPIC} topic: 6 partitions, RF 1, {@code cleanup.policy=compact},
   * lz4. Records are keyed by the user id and hold that user's latest recommendation list
   * (io.recsys.ratings.schema.RecommendationEvent), so compaction keeps exactly what a reader needs
   * (the latest list per user) however long the topic lives; there is no retention time. Keyed.
   *
   * @return the spec
   */
  public static TopicSpec recommendations() {
    return new TopicSpec(
        RECOMMENDATIONS_TOPIC,
        6,
        1,
        Map.of("cleanup.policy", "compact", COMPRESSION_TYPE, "lz4"),
        true);
  }

  /**
   * Every topic of the pipeline: {@link #ratings()}, {@link #metrics()}, {@link #deadLetters()},
   * {@link #recommendations()}.
   *
   * @return an immutable list of the four specs
   */
  public static List<TopicSpec> pipeline() {
    return List.of(ratings(), metrics(), deadLetters(), recommendations());
  }

  /**
   * This spec with another partition count.
   *
   * @param newPartitions number of partitions, at least 1
   * @return a new spec
   * @throws IllegalArgumentException if {@code newPartitions} is below 1
   */
  public TopicSpec withPartitions(int newPartitions) {
    return new TopicSpec(name, newPartitions, replicationFactor, configs, keyed);
  }

  /**
   * This spec with another replication factor.
   *
   * @param newReplicationFactor replicas per partition, or {@link #BROKER_DEFAULT_REPLICATION}
   * @return a new spec
   * @throws IllegalArgumentException if the value is out of range
   */
  public TopicSpec withReplicationFactor(int newReplicationFactor) {
    return new TopicSpec(name, partitions, newReplicationFactor, configs, keyed);
  }

  /**
   * This spec, keyed or not.
   *
   * @param newKeyed whether producers partition the topic's records by key (see the class
   *     description)
   * @return a new spec
   */
  public TopicSpec withKeyed(boolean newKeyed) {
    return new TopicSpec(name, partitions, replicationFactor, configs, newKeyed);
  }

  /**
   * This spec with one config added or replaced.
   *
   * @param key topic config key, e.g. {@value #MIN_INSYNC_REPLICAS}
   * @param value its wanted value
   * @return a new spec
   */
  public TopicSpec withConfig(String key, String value) {
    return withConfigs(Map.of(key, value));
  }

  /**
   * This spec with several configs added or replaced.
   *
   * @param extraConfigs configs to add; they win over configs of the same key in this spec
   * @return a new spec
   */
  public TopicSpec withConfigs(Map<String, String> extraConfigs) {
    TreeMap<String, String> merged = new TreeMap<>(configs);
    merged.putAll(extraConfigs);
    return new TopicSpec(name, partitions, replicationFactor, merged, keyed);
  }

  /**
   * This spec for a production cluster: replication factor 3 and {@code min.insync.replicas=2}, so
   * that a producer with {@code acks=all} survives the loss of one broker.
   *
   * @return a new spec
   */
  public TopicSpec forProduction() {
    return withReplicationFactor(3).withConfig(MIN_INSYNC_REPLICAS, "2");
  }

  /**
   * Whether the replication factor is left to the broker.
   *
   * @return true if {@link #replicationFactor()} is {@link #BROKER_DEFAULT_REPLICATION}
   */
  public boolean usesBrokerDefaultReplication() {
    return replicationFactor == BROKER_DEFAULT_REPLICATION;
  }

  private static void validateName(String name) {
    Objects.requireNonNull(name, "topic name");
    String problem = TopicNames.problem(name);
    if (problem != null) {
      throw new IllegalArgumentException("topic name " + problem + ": '" + name + "'");
    }
  }
}
