package io.recsys.ratings.admin;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * One member of a consumer group.
 *
 * @param memberId the member (consumer) id given by the coordinator
 * @param groupInstanceId the static membership id, if any
 * @param clientId the consumer's {@code client.id}
 * @param host the member's host as seen by the broker
 * @param assignment the partitions assigned to the member
 */
public record GroupMember(
    String memberId,
    Optional<String> groupInstanceId,
    String clientId,
    String host,
    List<TopicPartition> assignment) {

  /**
   * Copies the assignment.
   *
   * @param memberId the member (consumer) id given by the coordinator
   * @param groupInstanceId the static membership id, if any
   * @param clientId the consumer's {@code client.id}
   * @param host the member's host as seen by the broker
   * @param assignment the partitions assigned to the member
   */
  public GroupMember {
    assignment = List.copyOf(assignment);
  }
}
