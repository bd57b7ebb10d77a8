package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.schema.internal.SecretKeys;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validation and secret masking of passed-through Kafka client properties. */
public final class KafkaProperties {

  /** What a secret's value is replaced with in every string the SDK produces. */
  public static final String MASK = "[hidden]";

  private static final java.util.regex.Pattern PASSWORD_IN_TEXT =
      java.util.regex.Pattern.compile("(?i)(password\\s*=\\s*)(\"[^\"]*\"|[^\\s;]+)");

  private KafkaProperties() {}

  /**
   * Removes {@code password=...} fragments from a text (e.g. an exception message quoting a JAAS
   * configuration).
   *
   * @param text the text, may be null
   * @return the text with every password value replaced by {@link #MASK}
   */
  public static String scrub(String text) {
    return text == null ? null : PASSWORD_IN_TEXT.matcher(text).replaceAll("$1" + MASK);
  }

  /**
   * Whether a property holds a secret whose value must never be printed or logged.
   *
   * @param key the property name
   * @return {@code true} for {@code sasl.jaas.config}, passwords, secrets, keys, tokens
   */
  public static boolean isSensitive(String key) {
    return SecretKeys.isSecret(key);
  }

  /**
   * A copy of the properties, sorted by name, with every secret's value replaced by {@link #MASK},
   * for {@code toString()} and logs.
   *
   * @param props the properties
   * @return the masked copy
   */
  public static Map<String, Object> masked(Map<String, ?> props) {
    Map<String, Object> out = new TreeMap<>();
    props.forEach((k, v) -> out.put(k, isSensitive(k) ? MASK : v));
    return out;
  }

  /**
   * Checks every property against a Kafka client's config definition: unknown names, names the SDK
   * sets itself, and values Kafka would refuse fail with a message that never shows a secret.
   *
   * @param client the client kind for messages, e.g. {@code "producer"}
   * @param def the Kafka config definition (e.g. {@code ProducerConfig.configDef()})
   * @param props the properties to check
   * @param reserved names the SDK sets itself and the user may not override
   * @param parseValues whether to also parse every value (else names and nulls only)
   * @throws RatingsConfigException on the first problem found
   */
  public static void validate(
      String client,
      ConfigDef def,
      Map<String, ?> props,
      Set<String> reserved,
      boolean parseValues) {
    Set<String> known = def.names();
    for (Map.Entry<String, ?> e : props.entrySet()) {
      String key = e.getKey();
      if (reserved.contains(key)) {
        throw new RatingsConfigException(
            "Kafka "
                + client
                + " property '"
                + key
                + "' is set by the SDK and cannot be overridden");
      }
      if (!known.contains(key)) {
        throw new RatingsConfigException(
            "Unknown Kafka "
                + client
                + " property '"
                + key
                + "': not a "
                + client
                + " config of kafka-clients (check the spelling; see the Kafka documentation of"
                + " "
                + client
                + " configs)");
      }
      if (e.getValue() == null) {
        throw new RatingsConfigException(
            "Kafka " + client + " property '" + key + "' has a null value");
      }
    }
    if (!parseValues) {
      return;
    }
    try {
      def.parse(props);
    } catch (ConfigException | IllegalArgumentException e) {
      throw new RatingsConfigException(describe(client, e, props));
    }
  }

  /**
   * Turns a Kafka configuration error into a message without secrets.
   *
   * @param client the client kind
   * @param e Kafka's exception
   * @param props the properties that caused it
   * @return a message naming the property, with secret values removed
   */
  public static String describe(String client, Exception e, Map<String, ?> props) {
    String message = String.valueOf(e.getMessage());
    for (Map.Entry<String, ?> p : props.entrySet()) {
      if (isSensitive(p.getKey()) && p.getValue() != null) {
        String secret = String.valueOf(p.getValue());
        if (!secret.isEmpty()) {
          message = message.replace(secret, MASK);
        }
      }
    }
    message = PASSWORD_IN_TEXT.matcher(message).replaceAll("$1" + MASK);
    return "Invalid Kafka " + client + " configuration: " + message;
  }

  /**
   * Checks one passed-through property's name (known, not reserved) and that its value is not null;
   * values are parsed later, with all properties, at build time.
   *
   * @param client the client kind for messages
   * @param def the Kafka config definition
   * @param key the name
   * @param value the value
   * @param reserved names the SDK sets itself
   * @throws RatingsConfigException if the name is unknown or reserved, or the value null
   */
  public static void validateOne(
      String client, ConfigDef def, String key, Object value, Set<String> reserved) {
    if (key == null) {
      throw new RatingsConfigException("Kafka " + client + " property name must not be null");
    }
    Map<String, Object> one = new java.util.HashMap<>();
    one.put(key, value);
    validate(client, def, one, reserved, false);
  }

  /**
   * A configuration error for a Kafka client whose constructor failed, with the root cause's
   * message and no secrets.
   *
   * @param client the client kind
   * @param e the constructor's exception
   * @param props the properties it was given
   * @return the exception to throw
   */
  public static RatingsConfigException creationFailed(
      String client, Exception e, Map<String, ?> props) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = e.getMessage() + (root == e ? "" : ": " + root.getMessage());
    return new RatingsConfigException(describe(client, new IllegalArgumentException(text), props));
  }
}
