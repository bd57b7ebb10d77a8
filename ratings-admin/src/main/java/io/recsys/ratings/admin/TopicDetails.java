package io.recsys.ratings.admin;

import io.recsys.ratings.admin.internal.Tables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One topic as {@link ClusterInspector} saw it: the library form of {@code kafka-topics --describe}
 * plus {@code GetOffsetShell}.
 *
 * @param name topic name
 * @param topicId the topic's id
 * @param internal whether it is an internal topic (e.g. {@code __consumer_offsets})
 * @param partitions the partitions, by partition number
 * @param configs configs set on the topic itself (overrides of broker settings), sorted by key
 */
public record TopicDetails(
    String name,
    String topicId,
    boolean internal,
    List<PartitionDetails> partitions,
    Map<String, String> configs) {

  /**
   * Copies the collections.
   *
   * @param name topic name
   * @param topicId the topic's id
   * @param internal whether it is an internal topic (e.g. {@code __consumer_offsets})
   * @param partitions the partitions, by partition number
   * @param configs configs set on the topic itself (overrides of broker settings), sorted by key
   */
  public TopicDetails {
    partitions = List.copyOf(partitions);
    configs = Collections.unmodifiableMap(new TreeMap<>(configs));
  }

  /**
   * The partition count.
   *
   * @return number of partitions
   */
  public int partitionCount() {
    return partitions.size();
  }

  /**
   * The replication factor (largest replica list among the partitions).
   *
   * @return replicas per partition
   */
  public int replicationFactor() {
    return partitions.stream().mapToInt(p -> p.replicas().size()).max().orElse(0);
  }

  /**
   * Estimated records in the topic, the sum over partitions of {@link
   * PartitionDetails#recordCountEstimate()}.
   *
   * @return the estimate
   */
  public long recordCountEstimate() {
    return partitions.stream().mapToLong(PartitionDetails::recordCountEstimate).sum();
  }

  /**
   * The topic like {@code kafka-topics --describe}: a summary line, then one row per partition with
   * leader, replicas, ISR, offsets and record estimate.
   *
   * @return the text, lines separated by {@code \n}
   */
  public String toTable() {
    String header =
        "Topic: "
            + name
            + "\tTopicId: "
            + topicId
            + "\tPartitionCount: "
            + partitionCount()
            + "\tReplicationFactor: "
            + replicationFactor()
            + "\tConfigs: "
            + (configs.isEmpty() ? "" : Tables.configs(configs));
    List<List<String>> rows = new ArrayList<>();
    for (PartitionDetails p : partitions) {
      rows.add(
          List.of(
              String.valueOf(p.partition()),
              p.leader() == PartitionDetails.NO_LEADER ? "none" : String.valueOf(p.leader()),
              Tables.ids(p.replicas()),
              Tables.ids(p.isr()),
              String.valueOf(p.earliestOffset()),
              String.valueOf(p.latestOffset()),
              String.valueOf(p.recordCountEstimate())));
    }
    return header
        + "\n"
        + Tables.render(
            List.of("PARTITION", "LEADER", "REPLICAS", "ISR", "EARLIEST", "LATEST", "RECORDS"),
            rows);
  }
}
