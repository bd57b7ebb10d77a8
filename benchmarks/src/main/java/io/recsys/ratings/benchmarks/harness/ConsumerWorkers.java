package io.recsys.ratings.benchmarks.harness;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer workloads of a child JVM: RatingConsumer, and a plain KafkaConsumer as a diagnostic.
 * Each reads a fixed number of records; the time bounds only end a run that cannot finish (a broker
 * gone), they are far above what a busy machine needs.
 */
final class ConsumerWorkers {
  /** How long a consumer may see no record before the run fails. */
  static final Duration IDLE_LIMIT = Duration.ofSeconds(120);

  /** How long the plain consumer may take for all its records before the run fails. */
  static final Duration READ_LIMIT = Duration.ofMinutes(10);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ConsumerWorkers() {}

  /**
   * Reads {@code records} records from the beginning with a new group, validating each, stats on (a
   * listener every second); timed like ConsumerPerformance from before the group join to the last
   * record, and from the first record to the last (its "fetch" time). {@code commitPolicy} sets the
   * commit mode and interval on the builder, or leaves the SDK's defaults.
   */
  static SdkConsumerRun ratingConsumer(
      String bootstrap,
      String topic,
      int records,
      String group,
      UnaryOperator<RatingConsumerBuilder> commitPolicy) {
    long[] times = new long[2];
    long[] seen = new long[1];
    AtomicReference<ConsumerStats> lastStats = new AtomicReference<>();
    long start;
    long cpuStart;
    long cpuEnd;
    ConsumerResult result;
    try (RatingConsumer consumer =
        commitPolicy
            .apply(RatingConsumer.builder())
            .bootstrapServers(bootstrap)
            .topic(topic)
            .groupId(group)
            .maxMessages(records)
            .idleTimeout(IDLE_LIMIT)
            .statsInterval(Duration.ofSeconds(1))
            .statsListener(lastStats::set)
            .handler(
                (event, ctx) -> {
                  long n = ++seen[0];
                  if (n == 1) {
                    times[0] = System.nanoTime();
                  }
                  if (n == records) {
                    times[1] = System.nanoTime();
                  }
                })
            .build()) {
      start = System.nanoTime();
      cpuStart = THREADS.getCurrentThreadCpuTime();
      result = consumer.run();
      cpuEnd = THREADS.getCurrentThreadCpuTime();
    }
    ConsumerStats s = result.stats();
    if (s.valid() != records || times[1] == 0) {
      throw new HarnessException(
          "expected " + records + " valid records, got " + s + " (" + result.stopReason() + ")");
    }
    double total = (times[1] - start) / 1e9;
    double fetch = Math.max(1e-9, (times[1] - times[0]) / 1e9);
    return new SdkConsumerRun(
        records,
        s.valid(),
        s.invalid(),
        s.malformed(),
        total,
        records / total,
        fetch,
        records / fetch,
        // CPU of the polling thread (run() runs on this one), from before the group join to the end
        (cpuEnd - cpuStart) / (double) records,
        lastStats.get() == null ? 0 : 1,
        null,
        null);
  }

  /**
   * Diagnostic: a plain {@code KafkaConsumer} with the SDK consumer's settings that commits
   * synchronously after every poll batch, as {@code RatingConsumer} does, but neither decodes nor
   * validates nor keeps stats. Timed like {@link #ratingConsumer}. Separates the cost of the commit
   * pattern from the cost of the SDK's own per-record work.
   */
  static PlainConsumerRun kafkaConsumerCommitSync(
      String bootstrap, String topic, int records, String group) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    long seen = 0;
    long bytes = 0;
    long first = 0;
    long start;
    long end;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      start = System.nanoTime();
      consumer.subscribe(List.of(topic));
      long deadline = start + READ_LIMIT.toNanos();
      while (seen < records) {
        if (System.nanoTime() > deadline) {
          throw new HarnessException(
              "read " + seen + " of " + records + " records in " + READ_LIMIT.toSeconds() + " s");
        }
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        if (batch.isEmpty()) {
          continue;
        }
        if (first == 0) {
          first = System.nanoTime();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
          List<ConsumerRecord<byte[], byte[]>> rs = batch.records(tp);
          for (ConsumerRecord<byte[], byte[]> r : rs) {
            bytes += r.serializedValueSize();
          }
          seen += rs.size();
          offsets.put(tp, new OffsetAndMetadata(rs.get(rs.size() - 1).offset() + 1));
        }
        consumer.commitSync(offsets);
      }
      end = System.nanoTime();
    }
    double total = (end - start) / 1e9;
    double fetch = Math.max(1e-9, (end - first) / 1e9);
    double mb = bytes / (1024.0 * 1024.0);
    return new PlainConsumerRun(
        seen, total, seen / total, mb / total, fetch, seen / fetch, mb / fetch);
  }
}
