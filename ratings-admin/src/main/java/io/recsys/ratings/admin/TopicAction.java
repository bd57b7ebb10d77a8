package io.recsys.ratings.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;

/**
 * What {@link TopicProvisioner#plan(java.util.Collection)} found for one topic and what applying
 * the plan will do to it.
 *
 * <p>A topic that exists but differs from its spec in ways that can be fixed is {@link
 * Kind#UPDATE}, with the fixes in {@link #partitionChange()} (add partitions) and {@link
 * #configChanges()} (alter configs); both may be present. Adding partitions to a {@linkplain
 * TopicSpec#keyed() keyed} topic moves most keys to other partitions and breaks their order ({@link
 * #repartitionsKeyedTopic()}): the description says so, and it is applied only in {@link
 * ApplyMode#APPLY_ALLOW_REPARTITION}. A topic that differs in ways that cannot be fixed without
 * deleting data is {@link Kind#CONFLICT}, with the reasons in {@link #conflicts()}; applying never
 * touches it.
 *
 * @param spec the wanted state
 * @param kind the verdict
 * @param currentPartitions partitions the topic has now, 0 if it does not exist
 * @param currentReplicationFactor replication factor of the topic now, 0 if it does not exist
 * @param partitionChange the partitions to add, if any (only for {@link Kind#UPDATE})
 * @param configChanges configs whose value differs from the spec (for {@link Kind#UPDATE}; also
 *     listed, but not applied, for {@link Kind#CONFLICT})
 * @param conflicts why the topic cannot be brought to the spec safely (only for {@link
 *     Kind#CONFLICT})
 */
public record TopicAction(
    TopicSpec spec,
    Kind kind,
    int currentPartitions,
    int currentReplicationFactor,
    Optional<PartitionChange> partitionChange,
    List<ConfigChange> configChanges,
    List<String> conflicts) {

  /** The verdict for one topic. */
  public enum Kind {
    /** The topic does not exist and will be created. */
    CREATE,
    /** The topic exists and matches the spec; nothing to do. */
    UP_TO_DATE,
    /** The topic exists and will get more partitions and/or altered configs. */
    UPDATE,
    /** The topic cannot be brought to the spec safely; it is reported and left alone. */
    CONFLICT
  }

  /**
   * Partitions to add: Kafka can only increase the partition count.
   *
   * @param from partitions now
   * @param to partitions after the change, greater than {@code from}
   */
  public record PartitionChange(int from, int to) {
    /**
     * Validates the change.
     *
     * @param from partitions now
     * @param to partitions after the change, greater than {@code from}
     * @throws IllegalArgumentException if {@code to} is not greater than {@code from}
     */
    public PartitionChange {
      if (from < 1 || to <= from) {
        throw new IllegalArgumentException(
            "a partition change must go from >= 1 to more partitions, was " + from + " -> " + to);
      }
    }
  }

  /**
   * One config whose value on the cluster differs from the spec.
   *
   * @param key the topic config key
   * @param currentValue the value in force now, or null if the cluster reports none for the key
   *     (for example an unknown config name)
   * @param currentSource where the current value comes from (topic override, broker setting,
   *     default), or null if the cluster reports none
   * @param wantedValue the value of the spec
   */
  public record ConfigChange(
      String key, String currentValue, ConfigSource currentSource, String wantedValue) {
    /**
     * Validates the change.
     *
     * @param key the topic config key
     * @param currentValue the value in force now, or null if the cluster reports none for the key
     *     (for example an unknown config name)
     * @param currentSource where the current value comes from (topic override, broker setting,
     *     default), or null if the cluster reports none
     * @param wantedValue the value of the spec
     * @throws NullPointerException if {@code key} or {@code wantedValue} is null
     */
    public ConfigChange {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(wantedValue, "wantedValue");
    }

    /**
     * A one-line description, e.g. {@code retention.ms: 86400000 (DYNAMIC_TOPIC_CONFIG) ->
     * 604800000}.
     *
     * @return the description
     */
    public String describe() {
      String current = currentValue == null ? "<none>" : currentValue + " (" + currentSource + ")";
      return key + ": " + current + " -> " + wantedValue;
    }
  }

  /**
   * Validates and copies the components.
   *
   * @param spec the wanted state
   * @param kind the verdict
   * @param currentPartitions partitions the topic has now, 0 if it does not exist
   * @param currentReplicationFactor replication factor of the topic now, 0 if it does not exist
   * @param partitionChange the partitions to add, if any (only for {@link Kind#UPDATE})
   * @param configChanges configs whose value differs from the spec (for {@link Kind#UPDATE}; also
   *     listed, but not applied, for {@link Kind#CONFLICT})
   * @param conflicts why the topic cannot be brought to the spec safely (only for {@link
   *     Kind#CONFLICT})
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the components contradict the kind
   */
  public TopicAction {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(partitionChange, "partitionChange");
    configChanges = List.copyOf(configChanges);
    conflicts = List.copyOf(conflicts);
    boolean changes = partitionChange.isPresent() || !configChanges.isEmpty();
    if (kind == Kind.CONFLICT && conflicts.isEmpty()) {
      throw new IllegalArgumentException("a CONFLICT action needs a reason: " + spec.name());
    }
    if (kind != Kind.CONFLICT && !conflicts.isEmpty()) {
      throw new IllegalArgumentException(kind + " action must not carry conflicts: " + conflicts);
    }
    if (kind == Kind.UPDATE && !changes) {
      throw new IllegalArgumentException("an UPDATE action needs a change: " + spec.name());
    }
    if ((kind == Kind.UP_TO_DATE || kind == Kind.CREATE) && changes) {
      throw new IllegalArgumentException(kind + " action must not carry changes: " + spec.name());
    }
  }

  /**
   * The topic name.
   *
   * @return {@code spec().name()}
   */
  public String topic() {
    return spec.name();
  }

  /**
   * Whether applying adds partitions.
   *
   * @return true if {@link #partitionChange()} is present and the kind is {@link Kind#UPDATE}
   */
  public boolean addsPartitions() {
    return kind == Kind.UPDATE && partitionChange.isPresent();
  }

  /**
   * Whether applying adds partitions to a {@linkplain TopicSpec#keyed() keyed} topic: the records
   * of most keys (users) then go to another partition than their earlier ones, and consumers may
   * see a key's records out of order. Applied only in {@link ApplyMode#APPLY_ALLOW_REPARTITION}.
   *
   * @return true if {@link #addsPartitions()} and the spec is keyed
   */
  public boolean repartitionsKeyedTopic() {
    return addsPartitions() && spec.keyed();
  }

  /** What {@link #describe()} adds to the partition change of a keyed topic. */
  static final String REPARTITION_WARNING =
      "keyed topic: moves keys (users) to other partitions and breaks their per-key order";

  /**
   * Whether applying alters configs.
   *
   * @return true if the kind is {@link Kind#UPDATE} and {@link #configChanges()} is not empty
   */
  public boolean altersConfigs() {
    return kind == Kind.UPDATE && !configChanges.isEmpty();
  }

  /**
   * Whether applying would change the cluster.
   *
   * @return true for {@link Kind#CREATE} and {@link Kind#UPDATE}
   */
  public boolean changesCluster() {
    return kind == Kind.CREATE || kind == Kind.UPDATE;
  }

  /**
   * A one-line human description of the action.
   *
   * @return e.g. {@code add partitions 3 -> 6; alter retention.ms: 86400000 (DYNAMIC_TOPIC_CONFIG)
   *     -> 604800000} (for a keyed topic the partition change carries a warning in parentheses)
   */
  public String describe() {
    switch (kind) {
      case CREATE:
        return "create with "
            + spec.partitions()
            + " partitions, RF "
            + (spec.usesBrokerDefaultReplication() ? "broker default" : spec.replicationFactor());
      case UP_TO_DATE:
        return "up to date";
      case CONFLICT:
        return "conflict: " + String.join("; ", conflicts);
      default:
        String partitions =
            partitionChange
                .map(
                    c ->
                        "add partitions "
                            + c.from()
                            + " -> "
                            + c.to()
                            + (spec.keyed() ? " (" + REPARTITION_WARNING + ")" : ""))
                .orElse(null);
        String configs =
            configChanges.isEmpty()
                ? null
                : configChanges.stream()
                    .map(ConfigChange::describe)
                    .collect(Collectors.joining(", ", "alter ", ""));
        if (partitions == null) {
          return configs;
        }
        return configs == null ? partitions : partitions + "; " + configs;
    }
  }
}
