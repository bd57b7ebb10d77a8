package io.recsys.ratings.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.admin.ProvisioningPlan;
import io.recsys.ratings.admin.TopicAction;
import io.recsys.ratings.admin.TopicAction.ConfigChange;
import io.recsys.ratings.admin.TopicAction.Kind;
import io.recsys.ratings.admin.TopicAction.PartitionChange;
import io.recsys.ratings.admin.TopicSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.junit.jupiter.api.Test;

class PlanCalculatorTest {

  private static final TopicSpec RATINGS = TopicSpec.ratings();

  /** A described topic whose every config is a topic-level override with the given value. */
  private static TopicState topic(int partitions, int rf, Map<String, String> configs) {
    Map<String, TopicState.ConfigValue> values = new HashMap<>();
    configs.forEach(
        (k, v) -> values.put(k, new TopicState.ConfigValue(v, ConfigSource.DYNAMIC_TOPIC_CONFIG)));
    return new TopicState(RATINGS.name(), partitions, rf, values);
  }

  private static TopicState matching() {
    return topic(6, 1, RATINGS.configs());
  }

  @Test
  void missingTopicIsCreated() {
    TopicAction action = PlanCalculator.plan(RATINGS, Optional.empty());

    assertThat(action.kind()).isEqualTo(Kind.CREATE);
    assertThat(action.currentPartitions()).isZero();
    assertThat(action.describe()).isEqualTo("create with 6 partitions, RF 1");
  }

  @Test
  void matchingTopicIsUpToDate() {
    TopicAction action = PlanCalculator.plan(RATINGS, Optional.of(matching()));

    assertThat(action.kind()).isEqualTo(Kind.UP_TO_DATE);
    assertThat(action.changesCluster()).isFalse();
  }

  @Test
  void fewerPartitionsAndShorterRetentionPlanBothChanges() {
    TopicState current = topic(3, 1, Map.of("retention.ms", "86400000", "compression.type", "lz4"));

    TopicAction action = PlanCalculator.plan(RATINGS, Optional.of(current));

    assertThat(action.kind()).isEqualTo(Kind.UPDATE);
    assertThat(action.addsPartitions()).isTrue();
    assertThat(action.altersConfigs()).isTrue();
    assertThat(action.partitionChange()).contains(new PartitionChange(3, 6));
    assertThat(action.configChanges())
        .containsExactly(
            new ConfigChange(
                "retention.ms", "86400000", ConfigSource.DYNAMIC_TOPIC_CONFIG, "604800000"));
    assertThat(action.describe())
        .isEqualTo(
            "add partitions 3 -> 6 (keyed topic: moves keys (users) to other partitions and breaks"
                + " their per-key order); alter retention.ms: 86400000 (DYNAMIC_TOPIC_CONFIG) ->"
                + " 604800000");
    assertThat(action.repartitionsKeyedTopic()).isTrue();
  }

  @Test
  void addingPartitionsToAnUnkeyedTopicCarriesNoWarning() {
    TopicSpec metrics = TopicSpec.metrics();
    TopicState current = topic(1, 1, metrics.configs());

    TopicAction action = PlanCalculator.plan(metrics, Optional.of(current));

    assertThat(action.kind()).isEqualTo(Kind.UPDATE);
    assertThat(action.addsPartitions()).isTrue();
    assertThat(action.repartitionsKeyedTopic()).isFalse();
    assertThat(action.describe()).isEqualTo("add partitions 1 -> 3");
  }

  @Test
  void morePartitionsThanWantedIsAConflictWithReason() {
    TopicAction action = PlanCalculator.plan(RATINGS, Optional.of(topic(12, 1, RATINGS.configs())));

    assertThat(action.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(action.partitionChange()).isEmpty();
    assertThat(action.conflicts()).singleElement().asString().contains("6 partitions", "has 12");
    assertThat(action.changesCluster()).isFalse();
  }

  @Test
  void otherReplicationFactorIsAConflict() {
    TopicAction action =
        PlanCalculator.plan(RATINGS.withReplicationFactor(3), Optional.of(matching()));

    assertThat(action.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(action.conflicts())
        .singleElement()
        .asString()
        .contains("replication factor 3", "has 1");
  }

  @Test
  void bothConflictsAreReportedAndConfigDriftIsStillListed() {
    TopicState current = topic(12, 2, Map.of("retention.ms", "1", "compression.type", "lz4"));

    TopicAction action = PlanCalculator.plan(RATINGS, Optional.of(current));

    assertThat(action.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(action.conflicts()).hasSize(2);
    assertThat(action.configChanges())
        .extracting(ConfigChange::key)
        .containsExactly("retention.ms");
    assertThat(action.altersConfigs()).isFalse();
  }

  @Test
  void brokerDefaultReplicationIsNotCompared() {
    TopicSpec spec = RATINGS.withReplicationFactor(TopicSpec.BROKER_DEFAULT_REPLICATION);

    assertThat(PlanCalculator.plan(spec, Optional.of(topic(6, 3, RATINGS.configs()))).kind())
        .isEqualTo(Kind.UP_TO_DATE);
  }

  @Test
  void brokerOrDefaultValueEqualToWantedIsUpToDate() {
    Map<String, TopicState.ConfigValue> values = new HashMap<>();
    values.put(
        "retention.ms", new TopicState.ConfigValue("604800000", ConfigSource.DEFAULT_CONFIG));
    values.put(
        "compression.type",
        new TopicState.ConfigValue("lz4", ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
    TopicState current = new TopicState("ratings", 6, 1, values);

    assertThat(PlanCalculator.plan(RATINGS, Optional.of(current)).kind())
        .isEqualTo(Kind.UP_TO_DATE);
  }

  @Test
  void defaultValueDifferentFromWantedIsAlteredAndNamesItsSource() {
    Map<String, TopicState.ConfigValue> values = new HashMap<>();
    values.put(
        "retention.ms", new TopicState.ConfigValue("604800000", ConfigSource.DEFAULT_CONFIG));
    values.put(
        "compression.type", new TopicState.ConfigValue("producer", ConfigSource.DEFAULT_CONFIG));
    TopicAction action =
        PlanCalculator.plan(RATINGS, Optional.of(new TopicState("ratings", 6, 1, values)));

    assertThat(action.kind()).isEqualTo(Kind.UPDATE);
    assertThat(action.partitionChange()).isEmpty();
    assertThat(action.configChanges())
        .containsExactly(
            new ConfigChange("compression.type", "producer", ConfigSource.DEFAULT_CONFIG, "lz4"));
  }

  @Test
  void configsNotNamedInTheSpecAreIgnored() {
    Map<String, String> configs = new HashMap<>(RATINGS.configs());
    configs.put("cleanup.policy", "compact");
    configs.put("segment.bytes", "1024");

    assertThat(PlanCalculator.plan(RATINGS, Optional.of(topic(6, 1, configs))).kind())
        .isEqualTo(Kind.UP_TO_DATE);
  }

  @Test
  void configUnknownToTheClusterIsPlannedWithNoCurrentValue() {
    TopicSpec spec = RATINGS.withConfig("no.such.config", "1");

    TopicAction action = PlanCalculator.plan(spec, Optional.of(matching()));

    assertThat(action.configChanges())
        .containsExactly(new ConfigChange("no.such.config", null, null, "1"));
    assertThat(action.describe()).contains("no.such.config: <none> -> 1");
  }

  @Test
  void planTableShowsOneRowPerTopic() {
    ProvisioningPlan plan =
        new ProvisioningPlan(
            List.of(
                PlanCalculator.plan(RATINGS, Optional.empty()),
                PlanCalculator.plan(
                    TopicSpec.metrics(), Optional.of(new TopicState("metrics", 3, 1, Map.of())))));

    String table = plan.toTable();

    assertThat(table.lines()).hasSize(3);
    assertThat(table.lines().findFirst().orElseThrow()).startsWith("TOPIC").contains("ACTION");
    assertThat(table).contains("ratings").contains("CREATE").contains("- -> 6");
    assertThat(table).contains("metrics").contains("UPDATE").contains("compression.type: <none>");
    assertThat(plan.hasChanges()).isTrue();
    assertThat(plan.hasConflicts()).isFalse();
  }

  @Test
  void planRejectsTheSameTopicTwice() {
    TopicAction create = PlanCalculator.plan(RATINGS, Optional.empty());

    assertThatThrownBy(() -> new ProvisioningPlan(List.of(create, create)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratings");
  }
}
