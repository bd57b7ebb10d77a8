package io.recsys.ratings.admin;

import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The position of a consumer group on one partition, like a row of {@code kafka-consumer-groups
 * --describe}.
 *
 * @param topicPartition the partition
 * @param committedOffset the group's committed offset, or {@link #NONE} if it committed none
 * @param endOffset the partition's end offset (next offset to be written)
 * @param lag {@code endOffset - committedOffset} (never negative), or {@link #NONE} without a
 *     committed offset
 * @param memberId the member the partition is assigned to, if any
 */
public record PartitionLag(
    TopicPartition topicPartition,
    long committedOffset,
    long endOffset,
    long lag,
    Optional<String> memberId) {

  /** Marks an unknown committed offset or lag: {@value}. */
  public static final long NONE = -1;

  /**
   * Builds the row from the committed and end offsets, computing the lag.
   *
   * @param topicPartition the partition
   * @param committedOffset the committed offset, or {@link #NONE}
   * @param endOffset the end offset
   * @param memberId the assigned member, if any
   * @return the row
   */
  public static PartitionLag of(
      TopicPartition topicPartition,
      long committedOffset,
      long endOffset,
      Optional<String> memberId) {
    long lag = committedOffset < 0 ? NONE : Math.max(0, endOffset - committedOffset);
    return new PartitionLag(topicPartition, committedOffset, endOffset, lag, memberId);
  }
}
