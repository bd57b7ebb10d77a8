package io.recsys.ratings.admin;

import java.util.List;

/**
 * One partition of a topic as {@link ClusterInspector} saw it.
 *
 * @param partition partition number
 * @param leader broker id of the leader, or {@link #NO_LEADER} if there is none
 * @param replicas broker ids of the replicas
 * @param isr broker ids of the in-sync replicas
 * @param earliestOffset first offset still in the log (the log start offset)
 * @param latestOffset the end offset (offset of the next record to be written)
 */
public record PartitionDetails(
    int partition,
    int leader,
    List<Integer> replicas,
    List<Integer> isr,
    long earliestOffset,
    long latestOffset) {

  /** Leader id of a partition without a leader: {@value}. */
  public static final int NO_LEADER = -1;

  /**
   * Copies the lists.
   *
   * @param partition partition number
   * @param leader broker id of the leader, or {@link #NO_LEADER} if there is none
   * @param replicas broker ids of the replicas
   * @param isr broker ids of the in-sync replicas
   * @param earliestOffset first offset still in the log (the log start offset)
   * @param latestOffset the end offset (offset of the next record to be written)
   */
  public PartitionDetails {
    replicas = List.copyOf(replicas);
    isr = List.copyOf(isr);
  }

  /**
   * An estimate of the records in the partition: {@code latestOffset - earliestOffset}. Exact for a
   * plain topic; transaction markers and compaction make it an upper bound.
   *
   * @return the estimate, never negative
   */
  public long recordCountEstimate() {
    return Math.max(0, latestOffset - earliestOffset);
  }

  /**
   * Whether every replica is in sync.
   *
   * @return true if the ISR holds every replica
   */
  public boolean fullyReplicated() {
    return isr.containsAll(replicas);
  }
}
