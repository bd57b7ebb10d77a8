package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.schema.TopicNames;
import java.time.Duration;

/** Builder argument checks whose messages name the setting, the bad value and the range. */
public final class Checks {
  private Checks() {}

  /**
   * Checks a duration is within a range.
   *
   * @param name the setting
   * @param value the value
   * @param min the smallest allowed
   * @param max the largest allowed
   * @return the value
   * @throws RatingsConfigException if null or out of range
   */
  public static Duration duration(String name, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new RatingsConfigException(
          name + " must be between " + min + " and " + max + " but was " + value);
    }
    return value;
  }

  /**
   * Checks a number is within a range.
   *
   * @param name the setting
   * @param value the value
   * @param min the smallest allowed
   * @param max the largest allowed
   * @return the value
   * @throws RatingsConfigException if out of range
   */
  public static long range(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new RatingsConfigException(
          name + " must be between " + min + " and " + max + " but was " + value);
    }
    return value;
  }

  /**
   * Checks a Kafka topic name.
   *
   * @param name the setting
   * @param topic the topic
   * @return the topic
   * @throws RatingsConfigException if not a legal topic name
   */
  public static String topic(String name, String topic) {
    if (!TopicNames.isLegal(topic)) {
      throw new RatingsConfigException(
          name
              + " must be a Kafka topic name (1..249 of a-z A-Z 0-9 . _ -) but was '"
              + topic
              + "'");
    }
    return topic;
  }

  /**
   * Checks a {@code host:port[,host:port...]} list.
   *
   * @param servers the list
   * @return the list, trimmed
   * @throws RatingsConfigException if empty or an entry lacks a valid port
   */
  public static String bootstrapServers(String servers) {
    if (servers == null || servers.isBlank()) {
      throw new RatingsConfigException(
          "bootstrapServers must be host:port[,host:port...] but was '" + servers + "'");
    }
    for (String entry : servers.split(",")) {
      String e = entry.trim();
      int colon = e.lastIndexOf(':');
      boolean ok = colon > 0 && colon < e.length() - 1;
      if (ok) {
        try {
          int port = Integer.parseInt(e.substring(colon + 1));
          ok = port >= 1 && port <= 65535;
        } catch (NumberFormatException ex) {
          ok = false;
        }
      }
      if (!ok) {
        throw new RatingsConfigException(
            "bootstrapServers entry '"
                + e
                + "' is not host:port with a port in 1..65535 (whole value: '"
                + servers
                + "')");
      }
    }
    return servers.trim();
  }

  /**
   * Checks a value is not null.
   *
   * @param <T> the type
   * @param name the setting
   * @param value the value
   * @return the value
   * @throws RatingsConfigException if null
   */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new RatingsConfigException(name + " must not be null");
    }
    return value;
  }
}
