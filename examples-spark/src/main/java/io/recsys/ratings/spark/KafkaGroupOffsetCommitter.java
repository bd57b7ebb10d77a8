package io.recsys.ratings.spark;

import io.recsys.ratings.spark.internal.CommonOptions;
import io.recsys.ratings.spark.internal.OffsetsJson;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the Kafka offsets of each finished micro-batch of one streaming query to a consumer
 * group, so that lag tools ({@code kafka-consumer-groups.sh}, the SDK's {@code verify --group}) see
 * a Spark job's lag like any consumer's.
 *
 * <p>Spark keeps Kafka offsets only in its checkpoint and reads with generated group ids it never
 * commits; the checkpoint stays the truth for recovery. This listener mirrors it: on every {@code
 * onQueryProgress} of the query named {@code queryName} it takes the {@code endOffset} of each
 * Kafka source (the offsets the finished batch read up to) and commits the partitions of {@code
 * topic} with {@link Admin#alterConsumerGroupOffsets}. The group must have no active members (a
 * group used only for this is). A failed commit is logged and retried with the next batch's
 * (larger) offsets; the query is never failed by it.
 *
 * <p>Spark calls the listener on its listener-bus thread, one event at a time, after the batch is
 * done; each commit waits at most the configured timeout. Register it with {@code
 * spark.streams().addListener(...)} <b>before</b> starting the query. It closes its {@link Admin}
 * when the query terminates.
 *
 * @serial exclude
 */
public final class KafkaGroupOffsetCommitter extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaGroupOffsetCommitter.class);

  private final String queryName;
  private final String groupId;
  private final String topic;
  private final Map<String, Object> adminConfig;
  private final Duration timeout;
  private Admin admin;
  private UUID queryId;
  private Map<TopicPartition, Long> lastCommitted = Map.of();

  /**
   * A committer for one query.
   *
   * @param queryName the streaming query's name ({@code DataStreamWriter.queryName})
   * @param groupId the consumer group to commit to
   * @param topic the Kafka topic whose offsets to commit
   * @param kafkaProperties Kafka client properties: {@code bootstrap.servers} and any security
   *     settings (never logged)
   * @param timeout the longest one commit may take, positive
   * @throws IllegalArgumentException if a name is blank, {@code bootstrap.servers} is missing, or
   *     the timeout is not positive
   */
  public KafkaGroupOffsetCommitter(
      String queryName,
      String groupId,
      String topic,
      Map<String, ?> kafkaProperties,
      Duration timeout) {
    this.queryName = CommonOptions.requireText("queryName", queryName);
    this.groupId = CommonOptions.requireText("groupId", groupId);
    this.topic = CommonOptions.requireText("topic", topic);
    Objects.requireNonNull(kafkaProperties, "kafkaProperties");
    if (!kafkaProperties.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("kafkaProperties need bootstrap.servers");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.adminConfig = new HashMap<>(kafkaProperties);
    this.adminConfig.putIfAbsent(
        AdminClientConfig.CLIENT_ID_CONFIG, "spark-offset-committer-" + groupId);
    this.timeout = timeout;
  }

  /**
   * The group committed to.
   *
   * @return the group id
   */
  public String groupId() {
    return groupId;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    if (queryName.equals(event.name())) {
      synchronized (this) {
        queryId = event.id();
      }
    }
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    if (!queryName.equals(event.progress().name())) {
      return;
    }
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (SourceProgress source : event.progress().sources()) {
      if (source.description() != null && source.description().startsWith("Kafka")) {
        try {
          OffsetsJson.parse(source.endOffset())
              .forEach(
                  (tp, o) -> {
                    if (tp.topic().equals(topic)) {
                      offsets.put(tp, o);
                    }
                  });
        } catch (IllegalArgumentException e) {
          LOG.warn(
              "cannot read the end offsets of source {}: {}", source.description(), e.getMessage());
        }
      }
    }
    if (!offsets.isEmpty()) {
      commit(offsets);
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    synchronized (this) {
      if (event.id().equals(queryId) && admin != null) {
        admin.close(timeout);
        admin = null;
      }
    }
  }

  private synchronized void commit(Map<TopicPartition, Long> offsets) {
    if (offsets.equals(lastCommitted)) {
      return;
    }
    if (admin == null) {
      admin = Admin.create(adminConfig);
    }
    Map<TopicPartition, OffsetAndMetadata> request =
        offsets.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
    try {
      admin
          .alterConsumerGroupOffsets(groupId, request)
          .all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      lastCommitted = Map.copyOf(offsets);
      LOG.debug("committed {} for group {}", offsets, groupId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.warn(
          "committing offsets {} to group {} failed (retried with the next batch): {}",
          offsets,
          groupId,
          String.valueOf(cause));
    }
  }
}
