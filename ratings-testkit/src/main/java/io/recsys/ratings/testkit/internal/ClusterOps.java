package io.recsys.ratings.testkit.internal;

import io.recsys.ratings.testkit.KafkaTestkitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The helpers of {@code KafkaCluster}, shared by the embedded and the container cluster: one lazily
 * created admin client and producer, closed with the cluster.
 */
public final class ClusterOps implements AutoCloseable {
  /** Bound of every admin call and of waiting for a topic to become usable. */
  public static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

  private final Supplier<Map<String, Object>> clientProperties;
  private Admin admin;
  private KafkaProducer<byte[], byte[]> producer;
  private boolean closed;

  /**
   * Creates the helpers.
   *
   * @param clientProperties supplies bootstrap and security settings
   */
  public ClusterOps(Supplier<Map<String, Object>> clientProperties) {
    this.clientProperties = clientProperties;
  }

  private synchronized Admin admin() {
    ensureOpen();
    if (admin == null) {
      Map<String, Object> props = clientProperties.get();
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
      props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ratings-testkit-admin");
      admin = Admin.create(props);
    }
    return admin;
  }

  private synchronized KafkaProducer<byte[], byte[]> producer() {
    ensureOpen();
    if (producer == null) {
      Map<String, Object> props = clientProperties.get();
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
      props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
      props.put(ProducerConfig.CLIENT_ID_CONFIG, "ratings-testkit-producer");
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the Kafka cluster is closed");
    }
  }

  /**
   * Creates a topic and waits until every partition has a leader.
   *
   * @param name topic
   * @param partitions partitions
   * @param replicationFactor replication factor
   * @param configs topic configs
   * @param brokerCount brokers in the cluster (for validation)
   */
  public void createTopic(
      String name,
      int partitions,
      int replicationFactor,
      Map<String, String> configs,
      int brokerCount) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank, got '" + name + "'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor < 1 || replicationFactor > brokerCount) {
      throw new IllegalArgumentException(
          "replicationFactor must be in 1.."
              + brokerCount
              + " (the broker count), got "
              + replicationFactor);
    }
    NewTopic topic =
        new NewTopic(name, partitions, (short) replicationFactor)
            .configs(configs == null ? Map.of() : configs);
    try {
      admin()
          .createTopics(List.of(topic))
          .all()
          .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        throw new KafkaTestkitException(
            "topic " + name + " already exists; use a unique topic name per test", e.getCause());
      }
      throw new KafkaTestkitException(
          "could not create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaTestkitException(
          "topic " + name + " was not created within " + seconds(OPERATION_TIMEOUT), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaTestkitException("interrupted while creating topic " + name, e);
    }
    awaitLeaders(name, partitions);
  }

  private void awaitLeaders(String name, int partitions) {
    long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
    String seen = "no description";
    while (true) {
      try {
        TopicDescription description =
            admin()
                .describeTopics(List.of(name))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(name);
        long withLeader = description.partitions().stream().filter(p -> p.leader() != null).count();
        seen = withLeader + " of " + partitions + " partitions with a leader";
        if (description.partitions().size() == partitions && withLeader == partitions) {
          // A leader in the metadata is not yet a partition the leader serves: the broker may
          // still be creating it locally. A producer that writes then gets NOT_LEADER_OR_FOLLOWER
          // and, idempotent, can get stuck retrying OutOfOrderSequence errors. ListOffsets is
          // answered by the leader itself, so it succeeds only once every partition is served.
          Map<TopicPartition, OffsetSpec> request = new HashMap<>();
          for (TopicPartitionInfo p : description.partitions()) {
            request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
          }
          admin().listOffsets(request).all().get(10, TimeUnit.SECONDS);
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        seen = "describeTopics/listOffsets failed: " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaTestkitException("interrupted while waiting for topic " + name, e);
      }
      if (System.nanoTime() > deadline) {
        throw new KafkaTestkitException(
            "topic " + name + " not usable after " + seconds(OPERATION_TIMEOUT) + ": " + seen);
      }
      sleep(50);
    }
  }

  /**
   * Sends one record and waits for its acknowledgement.
   *
   * @param topic topic
   * @param key key
   * @param value value
   */
  public void produce(String topic, byte[] key, byte[] value) {
    try {
      producer()
          .send(new ProducerRecord<>(topic, key, value))
          .get(OPERATION_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaTestkitException(
          "record to " + topic + " not acknowledged: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaTestkitException(
          "record to " + topic + " not acknowledged within " + seconds(OPERATION_TIMEOUT), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaTestkitException("interrupted while producing to " + topic, e);
    }
  }

  /**
   * Reads the topic from the beginning until at least {@code count} records, then drains to the end
   * offsets.
   *
   * @param topic topic
   * @param count records to wait for
   * @param timeout bound
   * @return every record read
   */
  public List<ConsumerRecord<byte[], byte[]>> awaitRecords(
      String topic, int count, Duration timeout) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be at least 0, got " + count);
    }
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or positive, got " + timeout);
    }
    Map<String, Object> props = clientProperties.get();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ratings-testkit-reader");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(Math.max(16, count));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (records.size() < count && System.nanoTime() < deadline) {
        pollInto(consumer, records, deadline);
      }
      if (records.size() < count) {
        throw new AssertionError(
            "expected "
                + count
                + " records in "
                + topic
                + ", got "
                + records.size()
                + " after "
                + seconds(Duration.ofNanos(System.nanoTime() - start)));
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      while (!reached(consumer, end) && System.nanoTime() < deadline) {
        pollInto(consumer, records, deadline);
      }
    }
    return records;
  }

  private static List<TopicPartition> awaitPartitions(
      KafkaConsumer<byte[], byte[]> consumer, String topic, long deadline) {
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofMillis(Math.min(left, 5_000))).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toList());
      if (!partitions.isEmpty()) {
        return partitions;
      }
      if (System.nanoTime() >= deadline) {
        throw new AssertionError("topic " + topic + " does not exist (no partitions found)");
      }
      sleep(50);
    }
  }

  private static void pollInto(
      KafkaConsumer<byte[], byte[]> consumer,
      List<ConsumerRecord<byte[], byte[]>> records,
      long deadline) {
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(Math.min(left, 200)))) {
      records.add(r);
    }
  }

  private static boolean reached(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * End offsets per partition.
   *
   * @param topic topic
   * @return offsets
   */
  public Map<TopicPartition, Long> endOffsets(String topic) {
    return offsets(topic, OffsetSpec.latest());
  }

  private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) {
    try {
      TopicDescription description =
          admin()
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(topic);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (TopicPartitionInfo p : description.partitions()) {
        request.put(new TopicPartition(topic, p.partition()), spec);
      }
      Map<TopicPartition, ListOffsetsResultInfo> result =
          admin()
              .listOffsets(request)
              .all()
              .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, Long> offsets = new HashMap<>();
      result.forEach((tp, info) -> offsets.put(tp, info.offset()));
      return offsets;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new KafkaTestkitException("topic " + topic + " does not exist", e.getCause());
      }
      throw new KafkaTestkitException(
          "could not list offsets of " + topic + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaTestkitException(
          "offsets of " + topic + " not listed within " + seconds(OPERATION_TIMEOUT), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaTestkitException("interrupted while listing offsets of " + topic, e);
    }
  }

  /**
   * Committed offsets of a group on a topic.
   *
   * @param groupId group
   * @param topic topic
   * @return offsets of partitions with a commit
   */
  public Map<TopicPartition, Long> committedOffsets(String groupId, String topic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> all =
          admin()
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, Long> offsets = new HashMap<>();
      all.forEach(
          (tp, om) -> {
            if (om != null && tp.topic().equals(topic)) {
              offsets.put(tp, om.offset());
            }
          });
      return offsets;
    } catch (ExecutionException e) {
      throw new KafkaTestkitException(
          "could not list committed offsets of group " + groupId + ": " + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaTestkitException(
          "committed offsets of group "
              + groupId
              + " not listed within "
              + seconds(OPERATION_TIMEOUT),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaTestkitException("interrupted while listing offsets of " + groupId, e);
    }
  }

  /**
   * Total lag of a group on a topic.
   *
   * @param groupId group
   * @param topic topic
   * @return lag
   */
  public long lag(String groupId, String topic) {
    Map<TopicPartition, Long> end = endOffsets(topic);
    Map<TopicPartition, Long> committed = committedOffsets(groupId, topic);
    Map<TopicPartition, Long> start =
        committed.size() < end.size() ? offsets(topic, OffsetSpec.earliest()) : Map.of();
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      Long from = committed.get(e.getKey());
      if (from == null) {
        from = start.getOrDefault(e.getKey(), 0L);
      }
      lag += Math.max(0, e.getValue() - from);
    }
    return lag;
  }

  /** Closes the admin client and producer (bounded). */
  @Override
  public synchronized void close() {
    closed = true;
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  /**
   * Formats a duration as seconds for messages, e.g. {@code "10 s"} or {@code "2.5 s"}.
   *
   * @param d duration
   * @return text
   */
  public static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) {
      return (ms / 1000) + " s";
    }
    return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /**
   * Sleeps, keeping the interrupt flag.
   *
   * @param ms milliseconds
   */
  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaTestkitException("interrupted", e);
    }
  }
}
