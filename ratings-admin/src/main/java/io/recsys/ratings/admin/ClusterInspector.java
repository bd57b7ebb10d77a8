package io.recsys.ratings.admin;

import io.recsys.ratings.admin.internal.AdminSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Read-only views of topics and consumer groups: the library form of {@code kafka-topics
 * --describe}, {@code GetOffsetShell} and {@code kafka-consumer-groups --describe}. Returns
 * records; each has a {@code toTable()} for humans. Never changes the cluster.
 *
 * <pre>{@code
 * try (ClusterInspector inspector = ClusterInspector.create(AdminSettings.of("localhost:9092"))) {
 *   TopicDetails ratings = inspector.describeTopic("ratings");
 *   long records = ratings.recordCountEstimate();
 *   ConsumerGroupDetails group = inspector.describeGroup("ratings-consumer");
 *   long lag = group.totalLag();
 * }
 * }</pre>
 *
 * <p>Every call is bounded by {@link AdminSettings#timeout()}; failures are thrown as {@link
 * RatingsAdminException} subclasses naming the call. Thread-safe.
 */
public final class ClusterInspector implements AutoCloseable {

  private final AdminSession session;

  private ClusterInspector(AdminSession session) {
    this.session = session;
  }

  /**
   * An inspector with its own Admin client; close it when done.
   *
   * @param settings how to reach the cluster
   * @return the inspector
   * @throws RatingsAdminException if the Admin client cannot be created
   */
  public static ClusterInspector create(AdminSettings settings) {
    return new ClusterInspector(AdminSession.open(settings));
  }

  /**
   * An inspector with its own Admin client, default timeout; close it when done.
   *
   * @param bootstrapServers comma-separated {@code host:port} list
   * @return the inspector
   * @throws RatingsAdminException if the Admin client cannot be created
   */
  public static ClusterInspector create(String bootstrapServers) {
    return create(AdminSettings.of(bootstrapServers));
  }

  /**
   * An inspector using the caller's Admin client, which {@link #close()} leaves open.
   *
   * @param admin an Admin client
   * @param timeout bound of each call, between {@link AdminSettings#MIN_TIMEOUT} and {@link
   *     AdminSettings#MAX_TIMEOUT}
   * @return the inspector
   */
  public static ClusterInspector forAdmin(Admin admin, Duration timeout) {
    return new ClusterInspector(AdminSession.wrap(admin, timeout));
  }

  /**
   * The names of the topics that are not internal.
   *
   * @return the names, sorted
   * @throws RatingsAdminException if the call fails
   */
  public Set<String> listTopics() {
    return new TreeSet<>(
        session.await(
            session
                .admin()
                .listTopics(new ListTopicsOptions().timeoutMs(session.timeoutMs()))
                .names(),
            "listTopics",
            session.deadline()));
  }

  /**
   * Describes one topic.
   *
   * @param topic topic name
   * @return partitions with leader, replicas, ISR and offsets, and the topic's own configs
   * @throws RatingsAdminException if the topic does not exist or a call fails
   */
  public TopicDetails describeTopic(String topic) {
    return describeTopics(List.of(topic)).get(0);
  }

  /**
   * Describes topics with one call each for metadata, configs, earliest and latest offsets.
   *
   * @param topics topic names
   * @return one entry per topic, in the order given
   * @throws RatingsAdminException if a topic does not exist or a call fails
   */
  public List<TopicDetails> describeTopics(Collection<String> topics) {
    Objects.requireNonNull(topics, "topics");
    List<String> names = List.copyOf(new java.util.LinkedHashSet<>(topics));
    Map<String, Optional<TopicDescription>> described = session.describeTopics(names);
    List<String> missing = names.stream().filter(n -> described.get(n).isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new RatingsAdminException("topics do not exist: " + missing, null, false);
    }
    Map<String, Config> configs = session.describeTopicConfigs(names);
    List<TopicPartition> partitions = new ArrayList<>();
    described
        .values()
        .forEach(
            d ->
                d.get()
                    .partitions()
                    .forEach(
                        p -> partitions.add(new TopicPartition(d.get().name(), p.partition()))));
    Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
    Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
    List<TopicDetails> result = new ArrayList<>();
    for (String name : names) {
      TopicDescription description = described.get(name).get();
      List<PartitionDetails> details = new ArrayList<>();
      for (TopicPartitionInfo info : description.partitions()) {
        TopicPartition tp = new TopicPartition(name, info.partition());
        details.add(
            new PartitionDetails(
                info.partition(),
                info.leader() == null || info.leader().isEmpty()
                    ? PartitionDetails.NO_LEADER
                    : info.leader().id(),
                info.replicas().stream().map(Node::id).toList(),
                info.isr().stream().map(Node::id).toList(),
                earliest.getOrDefault(tp, 0L),
                latest.getOrDefault(tp, 0L)));
      }
      details.sort(Comparator.comparingInt(PartitionDetails::partition));
      Map<String, String> overrides = new HashMap<>();
      Config config = configs.get(name);
      if (config != null) {
        for (ConfigEntry entry : config.entries()) {
          if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
              && entry.value() != null) {
            overrides.put(entry.name(), entry.value());
          }
        }
      }
      result.add(
          new TopicDetails(
              name,
              String.valueOf(description.topicId()),
              description.isInternal(),
              details,
              overrides));
    }
    return result;
  }

  /**
   * Describes a consumer group: state, members, and per partition the committed offset, end offset
   * and lag. A group that does not exist is returned with state {@code DEAD} and no partitions.
   *
   * @param groupId the group id
   * @return the group
   * @throws RatingsAdminException if a call fails
   */
  public ConsumerGroupDetails describeGroup(String groupId) {
    Objects.requireNonNull(groupId, "groupId");
    ConsumerGroupDescription description;
    try {
      description =
          session.await(
              session
                  .admin()
                  .describeConsumerGroups(
                      List.of(groupId),
                      new DescribeConsumerGroupsOptions().timeoutMs(session.timeoutMs()))
                  .describedGroups()
                  .get(groupId),
              "describeConsumerGroups [" + groupId + "]",
              session.deadline());
    } catch (RatingsAdminException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return new ConsumerGroupDetails(groupId, GroupState.DEAD.name(), -1, List.of(), List.of());
      }
      throw e;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        session.await(
            session
                .admin()
                .listConsumerGroupOffsets(
                    groupId, new ListConsumerGroupOffsetsOptions().timeoutMs(session.timeoutMs()))
                .partitionsToOffsetAndMetadata(),
            "listConsumerGroupOffsets [" + groupId + "]",
            session.deadline());
    List<GroupMember> members = new ArrayList<>();
    Map<TopicPartition, String> assignedTo = new HashMap<>();
    for (MemberDescription member : description.members()) {
      List<TopicPartition> assignment = List.copyOf(member.assignment().topicPartitions());
      assignment.forEach(tp -> assignedTo.put(tp, member.consumerId()));
      members.add(
          new GroupMember(
              member.consumerId(),
              member.groupInstanceId(),
              member.clientId(),
              member.host(),
              assignment));
    }
    Set<TopicPartition> partitions =
        new TreeSet<>(
            Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    committed.forEach(
        (tp, offset) -> {
          if (offset != null) {
            partitions.add(tp);
          }
        });
    partitions.addAll(assignedTo.keySet());
    Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
    List<PartitionLag> lags = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata offset = committed.get(tp);
      lags.add(
          PartitionLag.of(
              tp,
              offset == null ? PartitionLag.NONE : offset.offset(),
              ends.getOrDefault(tp, 0L),
              Optional.ofNullable(assignedTo.get(tp))));
    }
    Node coordinator = description.coordinator();
    return new ConsumerGroupDetails(
        groupId,
        description.groupState() == null
            ? GroupState.UNKNOWN.name()
            : description.groupState().name(),
        coordinator == null ? -1 : coordinator.id(),
        members,
        lags);
  }

  /** Closes the Admin client if this inspector created it (bounded wait). */
  @Override
  public void close() {
    session.close();
  }

  private Map<TopicPartition, Long> offsets(
      Collection<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, Long> result = new HashMap<>();
    if (partitions.isEmpty()) {
      return result;
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, ListOffsetsResultInfo> infos =
        session.await(
            session
                .admin()
                .listOffsets(request, new ListOffsetsOptions().timeoutMs(session.timeoutMs()))
                .all(),
            "listOffsets " + new TreeSet<>(partitions.stream().map(TopicPartition::topic).toList()),
            session.deadline());
    infos.forEach((tp, info) -> result.put(tp, info.offset()));
    return result;
  }
}
