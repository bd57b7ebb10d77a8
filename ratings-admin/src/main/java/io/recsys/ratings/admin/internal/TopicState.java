package io.recsys.ratings.admin.internal;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;

/**
 * What the cluster reported for one existing topic: the input of {@link PlanCalculator}.
 *
 * @param name topic name
 * @param partitions partition count
 * @param replicationFactor replicas per partition (the largest replica list seen)
 * @param configs config key to value and source, as described by the broker
 */
public record TopicState(
    String name, int partitions, int replicationFactor, Map<String, ConfigValue> configs) {

  /**
   * One described config value.
   *
   * @param value the value in force, may be null (e.g. sensitive values)
   * @param source where it comes from
   */
  public record ConfigValue(String value, ConfigSource source) {}

  /** Copies the configs. */
  public TopicState {
    Objects.requireNonNull(name, "name");
    configs = Map.copyOf(configs);
  }
}
