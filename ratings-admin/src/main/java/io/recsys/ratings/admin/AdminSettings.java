package io.recsys.ratings.admin;

import io.recsys.ratings.schema.internal.SecretKeys;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How {@link TopicProvisioner} and {@link ClusterInspector} reach the cluster: bootstrap servers,
 * any further Kafka Admin client properties (security settings pass through unchanged), and the
 * timeout that bounds every call. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * AdminSettings settings = AdminSettings.builder()
 *     .bootstrapServers("kafka-1:9093,kafka-2:9093")
 *     .clientProperty("security.protocol", "SASL_SSL")
 *     .clientProperty("sasl.mechanism", "SCRAM-SHA-512")
 *     .clientProperty("sasl.jaas.config", jaasConfig)
 *     .timeout(Duration.ofSeconds(20))
 *     .build();
 * }</pre>
 *
 * <p>The timeout is written into the client's {@code default.api.timeout.ms} and {@code
 * request.timeout.ms} and passed to each Admin call, so an unreachable cluster fails within about
 * one timeout instead of hanging. {@link #toString()} masks secrets (passwords, JAAS configs, keys,
 * tokens).
 */
public final class AdminSettings {

  /** Default timeout of each Admin call: 30 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Smallest timeout accepted: 100 ms. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

  /** Largest timeout accepted: 10 minutes. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  private static final String DEFAULT_CLIENT_ID = "ratings-admin";

  private final Map<String, Object> clientProperties;
  private final Duration timeout;

  private AdminSettings(Builder builder) {
    this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
    this.timeout = builder.timeout;
  }

  /**
   * A builder with the default timeout ({@link #DEFAULT_TIMEOUT}) and no properties.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings with only the bootstrap servers and the default timeout.
   *
   * @param bootstrapServers comma-separated {@code host:port} list
   * @return the settings
   * @throws IllegalArgumentException if {@code bootstrapServers} is blank
   */
  public static AdminSettings of(String bootstrapServers) {
    return builder().bootstrapServers(bootstrapServers).build();
  }

  /**
   * The bootstrap servers.
   *
   * @return the comma-separated {@code host:port} list
   */
  public String bootstrapServers() {
    return String.valueOf(clientProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  /**
   * The timeout of each Admin call.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The client properties as given (including secrets; do not log them).
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> clientProperties() {
    return clientProperties;
  }

  /**
   * The properties handed to {@code Admin.create}: the client properties, a default {@code
   * client.id}, and {@code default.api.timeout.ms} / {@code request.timeout.ms} set from {@link
   * #timeout()} (a smaller {@code request.timeout.ms} given by the caller is kept).
   *
   * @return a new mutable map
   */
  public Map<String, Object> adminClientProperties() {
    Map<String, Object> props = new LinkedHashMap<>(clientProperties);
    int timeoutMs = (int) timeout.toMillis();
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, DEFAULT_CLIENT_ID);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    Object requestTimeout = props.get(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG);
    if (requestTimeout == null || parseIntOr(requestTimeout, Integer.MAX_VALUE) > timeoutMs) {
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    }
    return props;
  }

  /**
   * The settings with secret values masked.
   *
   * @return e.g. {@code AdminSettings{timeout=PT30S, bootstrap.servers=localhost:9092,
   *     sasl.jaas.config=*****}}
   */
  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "AdminSettings{", "}");
    joiner.add("timeout=" + timeout);
    new TreeMap<>(clientProperties)
        .forEach((k, v) -> joiner.add(k + "=" + (isSecret(k) ? "*****" : String.valueOf(v))));
    return joiner.toString();
  }

  static boolean isSecret(String key) {
    return SecretKeys.isSecret(key);
  }

  private static int parseIntOr(Object value, int fallback) {
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Builds {@link AdminSettings}; each setter validates its value at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Sets the bootstrap servers.
     *
     * @param bootstrapServers comma-separated {@code host:port} list, e.g. {@code localhost:9092}
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder bootstrapServers(String bootstrapServers) {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      if (bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("bootstrapServers must not be blank");
      }
      properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.trim());
      return this;
    }

    /**
     * Sets one Kafka Admin client property, passed through unchanged (e.g. {@code
     * security.protocol}, {@code ssl.truststore.location}).
     *
     * @param key a Kafka client property name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException if the key is blank
     */
    public Builder clientProperty(String key, Object value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, () -> "value of client property '" + key + "'");
      if (key.isBlank()) {
        throw new IllegalArgumentException("client property keys must not be blank");
      }
      if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        return bootstrapServers(String.valueOf(value));
      }
      properties.put(key, value);
      return this;
    }

    /**
     * Sets several Kafka Admin client properties, e.g. the testkit's {@code clientProperties()}. A
     * {@code bootstrap.servers} entry sets the bootstrap servers.
     *
     * @param clientProperties property names and values
     * @return this builder
     */
    public Builder clientProperties(Map<String, ?> clientProperties) {
      Objects.requireNonNull(clientProperties, "clientProperties");
      clientProperties.forEach(this::clientProperty);
      return this;
    }

    /**
     * Sets several Kafka Admin client properties from a {@link Properties} object.
     *
     * @param clientProperties property names and values
     * @return this builder
     */
    public Builder clientProperties(Properties clientProperties) {
      Objects.requireNonNull(clientProperties, "clientProperties");
      clientProperties
          .stringPropertyNames()
          .forEach(k -> clientProperty(k, clientProperties.get(k)));
      return this;
    }

    /**
     * Sets the timeout of each Admin call (default {@link #DEFAULT_TIMEOUT}).
     *
     * @param timeout between {@link #MIN_TIMEOUT} and {@link #MAX_TIMEOUT}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "timeout must be between " + MIN_TIMEOUT + " and " + MAX_TIMEOUT + ", was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalStateException if no bootstrap servers were set
     */
    public AdminSettings build() {
      if (!properties.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        throw new IllegalStateException(
            "bootstrapServers is required (e.g. \"localhost:9092\"); set it with"
                + " bootstrapServers(...) or the bootstrap.servers client property");
      }
      return new AdminSettings(this);
    }
  }
}
