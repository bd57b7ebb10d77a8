package io.recsys.ratings.cli;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where the cluster is and the extra Kafka client properties of {@code --command-config}, split per
 * client kind so that each client gets only the properties it knows. {@code toString} never shows
 * the values (they may hold passwords).
 */
record ClientSettings(String bootstrapServers, Map<String, Object> properties) {

  ClientSettings {
    properties = Map.copyOf(properties);
  }

  static ClientSettings of(String bootstrapServers) {
    return new ClientSettings(bootstrapServers, Map.of());
  }

  /**
   * Checks that every property is a config of some Kafka client.
   *
   * @throws CliException with {@link ExitCodes#USAGE} naming the unknown properties
   */
  static ClientSettings of(String bootstrapServers, Map<String, Object> properties, String source) {
    Set<String> unknown = new TreeSet<>();
    for (String key : properties.keySet()) {
      if (!AdminClientConfig.configNames().contains(key)
          && !ProducerConfig.configNames().contains(key)
          && !ConsumerConfig.configNames().contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE,
          "unknown Kafka client "
              + (unknown.size() == 1 ? "property " : "properties ")
              + unknown
              + " in "
              + source
              + " (not an admin, producer or consumer config of kafka-clients; check the"
              + " spelling)");
    }
    Map<String, Object> props = new TreeMap<>(properties);
    props.remove(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    return new ClientSettings(bootstrapServers, props);
  }

  Map<String, Object> admin() {
    return only(AdminClientConfig.configNames());
  }

  Map<String, Object> producer() {
    return only(ProducerConfig.configNames());
  }

  Map<String, Object> consumer() {
    return only(ConsumerConfig.configNames());
  }

  private Map<String, Object> only(Set<String> names) {
    Map<String, Object> subset = new TreeMap<>();
    properties.forEach(
        (k, v) -> {
          if (names.contains(k)) {
            subset.put(k, v);
          }
        });
    return subset;
  }

  @Override
  public String toString() {
    return "ClientSettings{bootstrapServers="
        + bootstrapServers
        + ", properties="
        + properties.keySet()
        + "}";
  }
}
