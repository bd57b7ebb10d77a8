package io.recsys.ratings.cli;

import io.recsys.ratings.client.recommendations.RecommendationReader;
import io.recsys.ratings.client.recommendations.RecommendationReaderBuilder;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code recommendations} topic as the {@code recommendations} and {@code serve} commands read
 * it: checks that it exists, then a started {@link RecommendationReader} on it.
 */
final class RecommendationsTopic {

  /**
   * Consumer settings of a shared {@code --command-config} that the reader sets itself (it has no
   * group and commits nothing); left out rather than refused.
   */
  private static final Set<String> GROUP_SETTINGS =
      Set.of("group.id", "group.instance.id", "enable.auto.commit", "auto.offset.reset");

  private RecommendationsTopic() {}

  /**
   * Connects (exit code 3 if the cluster does not answer), checks the topic exists (exit code 1 if
   * not) and starts a reader on it.
   */
  static RecommendationReader startReader(ClientSettings settings, String topic) {
    try (Cluster kafka = Cluster.connect(settings)) {
      if (!kafka.topics().contains(topic)) {
        throw new CliException(
            ExitCodes.FAILED,
            "Topic '"
                + topic
                + "' does not exist on "
                + settings.bootstrapServers()
                + ". Create it first: ratings create-topics --bootstrap-servers "
                + settings.bootstrapServers());
      }
    }
    Map<String, Object> props = new TreeMap<>(settings.consumer());
    props.keySet().removeAll(GROUP_SETTINGS);
    RecommendationReaderBuilder builder =
        RecommendationReader.builder()
            .property("client.id", "ratings-cli-recommendations")
            .properties(props)
            .bootstrapServers(settings.bootstrapServers())
            .topic(topic);
    RecommendationReader reader = builder.build();
    reader.start();
    return reader;
  }
}
