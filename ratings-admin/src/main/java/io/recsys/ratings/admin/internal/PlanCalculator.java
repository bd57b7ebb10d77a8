package io.recsys.ratings.admin.internal;

import io.recsys.ratings.admin.TopicAction;
import io.recsys.ratings.admin.TopicAction.ConfigChange;
import io.recsys.ratings.admin.TopicAction.Kind;
import io.recsys.ratings.admin.TopicAction.PartitionChange;
import io.recsys.ratings.admin.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The diff of a spec against a described topic: a pure function, no I/O, so every rule is unit
 * tested without a broker.
 *
 * <p>Rules: a missing topic is created; fewer partitions than exist, or another replication factor
 * (unless the spec leaves it to the broker), is a conflict; more partitions are added; only configs
 * named in the spec are compared, by their value in force whatever its source (so a broker setting
 * or default equal to the wanted value is up to date).
 */
public final class PlanCalculator {

  private PlanCalculator() {}

  /**
   * Plans one topic.
   *
   * @param spec the wanted state
   * @param current the described topic, or empty if it does not exist
   * @return the action
   */
  public static TopicAction plan(TopicSpec spec, Optional<TopicState> current) {
    Objects.requireNonNull(spec, "spec");
    if (current.isEmpty()) {
      return new TopicAction(spec, Kind.CREATE, 0, 0, Optional.empty(), List.of(), List.of());
    }
    TopicState state = current.get();
    List<String> conflicts = new ArrayList<>();
    Optional<PartitionChange> partitionChange = Optional.empty();
    if (spec.partitions() < state.partitions()) {
      conflicts.add(
          "spec wants "
              + spec.partitions()
              + " partitions but the topic has "
              + state.partitions()
              + " (Kafka cannot remove partitions; recreate the topic or change the spec)");
    } else if (spec.partitions() > state.partitions()) {
      partitionChange = Optional.of(new PartitionChange(state.partitions(), spec.partitions()));
    }
    if (!spec.usesBrokerDefaultReplication()
        && spec.replicationFactor() != state.replicationFactor()) {
      conflicts.add(
          "spec wants replication factor "
              + spec.replicationFactor()
              + " but the topic has "
              + state.replicationFactor()
              + " (changing it needs a partition reassignment, which this tool does not do)");
    }
    List<ConfigChange> configChanges = configChanges(spec, state);
    if (!conflicts.isEmpty()) {
      return new TopicAction(
          spec,
          Kind.CONFLICT,
          state.partitions(),
          state.replicationFactor(),
          Optional.empty(),
          configChanges,
          conflicts);
    }
    Kind kind =
        partitionChange.isEmpty() && configChanges.isEmpty() ? Kind.UP_TO_DATE : Kind.UPDATE;
    return new TopicAction(
        spec,
        kind,
        state.partitions(),
        state.replicationFactor(),
        partitionChange,
        configChanges,
        List.of());
  }

  private static List<ConfigChange> configChanges(TopicSpec spec, TopicState state) {
    List<ConfigChange> changes = new ArrayList<>();
    spec.configs()
        .forEach(
            (key, wanted) -> {
              TopicState.ConfigValue now = state.configs().get(key);
              String nowValue = now == null || now.value() == null ? null : now.value().trim();
              if (!wanted.equals(nowValue)) {
                changes.add(
                    new ConfigChange(key, nowValue, now == null ? null : now.source(), wanted));
              }
            });
    return changes;
  }
}
