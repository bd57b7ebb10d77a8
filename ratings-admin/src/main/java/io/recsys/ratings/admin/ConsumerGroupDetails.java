package io.recsys.ratings.admin;

import io.recsys.ratings.admin.internal.Tables;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A consumer group as {@link ClusterInspector} saw it: the library form of {@code
 * kafka-consumer-groups --describe}.
 *
 * @param groupId the group id
 * @param state the group state as the coordinator reports it (e.g. {@code STABLE}, {@code EMPTY},
 *     {@code DEAD} for a group that does not exist)
 * @param coordinator broker id of the group coordinator, or -1 if unknown
 * @param members the current members
 * @param partitions one row per partition the group has committed offsets for or has assigned,
 *     sorted by topic and partition
 */
public record ConsumerGroupDetails(
    String groupId,
    String state,
    int coordinator,
    List<GroupMember> members,
    List<PartitionLag> partitions) {

  /**
   * Copies the lists.
   *
   * @param groupId the group id
   * @param state the group state as the coordinator reports it (e.g. {@code STABLE}, {@code EMPTY},
   *     {@code DEAD} for a group that does not exist)
   * @param coordinator broker id of the group coordinator, or -1 if unknown
   * @param members the current members
   * @param partitions one row per partition the group has committed offsets for or has assigned,
   *     sorted by topic and partition
   */
  public ConsumerGroupDetails {
    members = List.copyOf(members);
    partitions = List.copyOf(partitions);
  }

  /**
   * Total lag over all partitions with a committed offset.
   *
   * @return the sum of the known lags
   */
  public long totalLag() {
    return partitions.stream().mapToLong(PartitionLag::lag).filter(l -> l >= 0).sum();
  }

  /**
   * Lag per topic over partitions with a committed offset.
   *
   * @return topic to summed lag
   */
  public Map<String, Long> lagByTopic() {
    return partitions.stream()
        .filter(p -> p.lag() >= 0)
        .collect(
            Collectors.groupingBy(
                p -> p.topicPartition().topic(), Collectors.summingLong(PartitionLag::lag)));
  }

  /**
   * The group like {@code kafka-consumer-groups --describe}: a summary line, then one row per
   * partition with committed offset, end offset, lag and member ({@code -} where unknown).
   *
   * @return the text, lines separated by {@code \n}
   */
  public String toTable() {
    String header =
        "Group: "
            + groupId
            + "\tState: "
            + state
            + "\tMembers: "
            + members.size()
            + "\tTotalLag: "
            + totalLag();
    return header
        + "\n"
        + Tables.render(
            List.of("TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID"),
            partitions.stream()
                .map(
                    p ->
                        List.of(
                            p.topicPartition().topic(),
                            String.valueOf(p.topicPartition().partition()),
                            p.committedOffset() < 0 ? "-" : String.valueOf(p.committedOffset()),
                            String.valueOf(p.endOffset()),
                            p.lag() < 0 ? "-" : String.valueOf(p.lag()),
                            p.memberId().orElse("-")))
                .toList());
  }
}
