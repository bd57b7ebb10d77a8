package io.recsys.ratings.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

  @Test
  void builtInRatingsSpecMatchesTheIssue() {
    TopicSpec ratings = TopicSpec.ratings();

    assertThat(ratings.name()).isEqualTo("ratings");
    assertThat(ratings.partitions()).isEqualTo(6);
    assertThat(ratings.replicationFactor()).isEqualTo(1);
    assertThat(ratings.configs())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("retention.ms", "604800000", "compression.type", "lz4"));
  }

  @Test
  void builtInMetricsAndDeadLetterSpecs() {
    assertThat(TopicSpec.metrics())
        .isEqualTo(
            new TopicSpec(
                "metrics",
                3,
                1,
                Map.of("retention.ms", "2592000000", "compression.type", "gzip"),
                false));
    assertThat(TopicSpec.deadLetters().name()).isEqualTo("ratings.dlq");
    assertThat(TopicSpec.deadLetters().configs()).containsEntry("retention.ms", "2592000000");
    assertThat(TopicSpec.pipeline())
        .extracting(TopicSpec::name)
        .containsExactly("ratings", "metrics", "ratings.dlq", "recommendations");
  }

  @Test
  void builtInRecommendationsSpecIsCompactedWithSixPartitionsAndLz4() {
    TopicSpec recommendations = TopicSpec.recommendations();

    assertThat(recommendations.name()).isEqualTo(TopicSpec.RECOMMENDATIONS_TOPIC);
    assertThat(recommendations.name()).isEqualTo("recommendations");
    assertThat(recommendations.partitions()).isEqualTo(6);
    assertThat(recommendations.replicationFactor()).isEqualTo(1);
    assertThat(recommendations.configs())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("cleanup.policy", "compact", "compression.type", "lz4"));
    assertThat(TopicSpec.pipeline()).contains(recommendations);
    assertThat(recommendations.forProduction().configs())
        .containsEntry("cleanup.policy", "compact")
        .containsEntry("min.insync.replicas", "2");
  }

  @Test
  void keyedTopicsAreMarkedAndSpecsAreKeyedUnlessSaidOtherwise() {
    assertThat(TopicSpec.ratings().keyed()).isTrue();
    assertThat(TopicSpec.deadLetters().keyed()).isTrue();
    assertThat(TopicSpec.metrics().keyed()).isFalse();
    assertThat(TopicSpec.of("custom", 3, 1).keyed()).isTrue();
    assertThat(new TopicSpec("custom", 3, 1, Map.of()).keyed()).isTrue();
    assertThat(TopicSpec.of("custom", 3, 1).withKeyed(false).keyed()).isFalse();
    TopicSpec unkeyed = TopicSpec.metrics();
    assertThat(
            unkeyed
                .withPartitions(9)
                .withReplicationFactor(3)
                .withConfig("retention.ms", "1")
                .forProduction()
                .keyed())
        .as("every wither keeps the keyed flag")
        .isFalse();
  }

  @Test
  void retryTopicFollowsTheSharedNameRuleAndTheRatingsShape() {
    TopicSpec retry = TopicSpec.retryTopic("ratings", java.time.Duration.ofSeconds(30));

    assertThat(retry.name()).isEqualTo("ratings.retry.30s");
    assertThat(retry.partitions()).isEqualTo(TopicSpec.ratings().partitions()).isEqualTo(6);
    assertThat(retry.replicationFactor()).isEqualTo(1);
    assertThat(retry.configs())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("retention.ms", "604800000", "compression.type", "lz4"));
    assertThat(retry.keyed()).isTrue();
    assertThat(TopicSpec.retryTopic("ratings", java.time.Duration.ofMinutes(5)).name())
        .isEqualTo("ratings.retry.5m");
    assertThat(TopicSpec.retryTopic("ratings", java.time.Duration.ofMillis(1500)).name())
        .isEqualTo("ratings.retry.1500ms");
  }

  @Test
  void retryTopicRejectsABadSourceTopicOrDelay() {
    assertThatThrownBy(() -> TopicSpec.retryTopic("bad name", java.time.Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad name");
    assertThatThrownBy(() -> TopicSpec.retryTopic("ratings", java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> TopicSpec.retryTopic("x".repeat(245), java.time.Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("249");
  }

  @Test
  void productionOverrideSetsReplicationThreeAndMinInsyncTwo() {
    TopicSpec production = TopicSpec.ratings().forProduction();

    assertThat(production.replicationFactor()).isEqualTo(3);
    assertThat(production.configs())
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("compression.type", "lz4");
    assertThat(TopicSpec.ratings().configs()).doesNotContainKey("min.insync.replicas");
  }

  @Test
  void withersReplaceOneSettingEach() {
    TopicSpec spec =
        TopicSpec.ratings()
            .withPartitions(12)
            .withReplicationFactor(TopicSpec.BROKER_DEFAULT_REPLICATION)
            .withConfig("retention.ms", "1000")
            .withConfigs(Map.of("cleanup.policy", "delete"));

    assertThat(spec.partitions()).isEqualTo(12);
    assertThat(spec.usesBrokerDefaultReplication()).isTrue();
    assertThat(spec.configs())
        .containsEntry("retention.ms", "1000")
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("compression.type", "lz4");
  }

  @Test
  void configsAreAnImmutableCopy() {
    Map<String, String> configs = new HashMap<>(Map.of("retention.ms", "1"));
    TopicSpec spec = new TopicSpec("t", 1, 1, configs);
    configs.put("retention.ms", "2");

    assertThat(spec.configs()).containsEntry("retention.ms", "1");
    assertThatThrownBy(() -> spec.configs().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsZeroPartitionsNamingTheValue() {
    assertThatThrownBy(() -> TopicSpec.of("t", 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions")
        .hasMessageContaining(">= 1")
        .hasMessageContaining("was 0");
  }

  @Test
  void rejectsReplicationFactorZeroAndBelowMinusOne() {
    assertThatThrownBy(() -> TopicSpec.of("t", 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replicationFactor")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> TopicSpec.of("t", 1, -2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicSpec.of("t", 1, 40_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsIllegalTopicNames() {
    assertThatThrownBy(() -> TopicSpec.of("", 1, 1)).hasMessageContaining("1..249");
    assertThatThrownBy(() -> TopicSpec.of("a".repeat(250), 1, 1)).hasMessageContaining("was 250");
    assertThatThrownBy(() -> TopicSpec.of(".", 1, 1)).hasMessageContaining("'.'");
    assertThatThrownBy(() -> TopicSpec.of("..", 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicSpec.of("rat ings", 1, 1)).hasMessageContaining("'rat ings'");
    assertThatThrownBy(() -> TopicSpec.of("rätings", 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicSpec.of(null, 1, 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void acceptsLegalTopicNames() {
    assertThat(TopicSpec.of("a".repeat(249), 1, 1).name()).hasSize(249);
    assertThat(TopicSpec.of("My_topic-1.v2", 1, 1).name()).isEqualTo("My_topic-1.v2");
  }

  @Test
  void rejectsBlankConfigKeysAndNullValues() {
    assertThatThrownBy(() -> new TopicSpec("t", 1, 1, Map.of(" ", "1")))
        .isInstanceOf(IllegalArgumentException.class);
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("retention.ms", null);
    assertThatThrownBy(() -> new TopicSpec("t", 1, 1, nullValue))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("retention.ms");
  }
}
