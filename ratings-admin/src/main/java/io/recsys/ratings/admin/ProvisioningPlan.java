package io.recsys.ratings.admin;

import io.recsys.ratings.admin.internal.Tables;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The result of {@link TopicProvisioner#plan(java.util.Collection)}: one {@link TopicAction} per
 * spec, in the order of the specs. Immutable; planning changes nothing on the cluster.
 *
 * @param actions one action per topic, topic names unique
 */
public record ProvisioningPlan(List<TopicAction> actions) {

  /**
   * Validates and copies the actions.
   *
   * @param actions one action per topic, topic names unique
   * @throws IllegalArgumentException if two actions name the same topic
   */
  public ProvisioningPlan {
    actions = List.copyOf(actions);
    Set<String> seen = new HashSet<>();
    for (TopicAction action : actions) {
      if (!seen.add(action.topic())) {
        throw new IllegalArgumentException("topic planned twice: " + action.topic());
      }
    }
  }

  /**
   * The action for one topic.
   *
   * @param topic topic name
   * @return its action
   * @throws NoSuchElementException if the plan does not cover the topic
   */
  public TopicAction action(String topic) {
    return actions.stream()
        .filter(a -> a.topic().equals(topic))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("topic not in plan: " + topic));
  }

  /**
   * The specs the plan was made from.
   *
   * @return the specs, in plan order
   */
  public List<TopicSpec> specs() {
    return actions.stream().map(TopicAction::spec).toList();
  }

  /**
   * Whether applying the plan would change the cluster.
   *
   * @return true if any action is {@link TopicAction.Kind#CREATE} or {@link
   *     TopicAction.Kind#UPDATE}
   */
  public boolean hasChanges() {
    return actions.stream().anyMatch(TopicAction::changesCluster);
  }

  /**
   * Whether any topic conflicts with its spec.
   *
   * @return true if any action is {@link TopicAction.Kind#CONFLICT}
   */
  public boolean hasConflicts() {
    return actions.stream().anyMatch(a -> a.kind() == TopicAction.Kind.CONFLICT);
  }

  /**
   * The planned partition increases of {@linkplain TopicSpec#keyed() keyed} topics: each moves keys
   * (users) to other partitions and breaks their per-key order, and is applied only in {@link
   * ApplyMode#APPLY_ALLOW_REPARTITION}.
   *
   * @return the actions for which {@link TopicAction#repartitionsKeyedTopic()} holds, in plan order
   */
  public List<TopicAction> keyedRepartitions() {
    return actions.stream().filter(TopicAction::repartitionsKeyedTopic).toList();
  }

  /**
   * The plan as a text table, one row per topic: topic, action, partitions now and wanted,
   * replication factor now and wanted, details.
   *
   * @return the table, lines separated by {@code \n}
   */
  public String toTable() {
    return Tables.render(
        List.of("TOPIC", "ACTION", "PARTITIONS", "RF", "DETAILS"),
        actions.stream()
            .map(
                a ->
                    List.of(
                        a.topic(),
                        a.kind().name(),
                        Tables.fromTo(a.currentPartitions(), a.spec().partitions()),
                        Tables.fromTo(a.currentReplicationFactor(), a.spec().replicationFactor()),
                        a.describe()))
            .toList());
  }
}
