package io.recsys.ratings.cli;

import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * How filled the metrics topic is: its record count (from offsets) and, of its latest records (at
 * most {@link #LATEST_PER_PARTITION} per partition, so the scan stays short on a long-lived topic),
 * how many decode as {@link MetricsEvent}s and from which sources.
 *
 * @param topic the metrics topic
 * @param exists whether it exists
 * @param records records in the topic (end minus start offsets)
 * @param read records read (the latest ones)
 * @param decodable of those, the ones that decode as MetricsEvents
 * @param bySource decodable events per source, sorted by source
 */
record MetricsTopicScan(
    String topic,
    boolean exists,
    long records,
    long read,
    long decodable,
    Map<String, Long> bySource) {

  static final int LATEST_PER_PARTITION = 1_000;

  MetricsTopicScan {
    bySource = Map.copyOf(bySource);
  }

  /** Scans the topic without a consumer group. */
  static MetricsTopicScan of(ClientSettings settings, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        DlqClients.consumer(settings, "ratings-cli-metrics-scan", null, 500)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, DlqClients.CALL_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        return new MetricsTopicScan(topic, false, 0, 0, 0, Map.of());
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long records = 0;
      Map<TopicPartition, Long> from = new HashMap<>();
      for (TopicPartition tp : partitions) {
        long b = begin.getOrDefault(tp, 0L);
        long e = end.getOrDefault(tp, 0L);
        records += e - b;
        from.put(tp, Math.max(b, e - LATEST_PER_PARTITION));
      }
      long[] counts = new long[2];
      Map<String, Long> bySource = new TreeMap<>();
      TopicScan.scan(
          consumer,
          partitions,
          from,
          Duration.ofSeconds(10),
          r -> {
            counts[0]++;
            Optional<MetricsEvent> event =
                r.value() == null ? Optional.empty() : MetricsCodec.decode(r.value());
            if (event.isPresent()) {
              counts[1]++;
              bySource.merge(event.get().source(), 1L, Long::sum);
            }
          },
          () -> false);
      return new MetricsTopicScan(topic, true, records, counts[0], counts[1], bySource);
    }
  }

  String toText() {
    if (!exists) {
      return "Metrics topic '" + topic + "': missing\n";
    }
    return String.format(
        Locale.ROOT,
        "Metrics topic '%s': %s record(s); of the latest %s read, %s decode as MetricsEvents%s%n",
        topic,
        Reports.count(records),
        Reports.count(read),
        Reports.count(decodable),
        bySource.isEmpty() ? "" : " (sources: " + String.join(", ", bySource.keySet()) + ")");
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("topic", topic);
    json.put("exists", exists);
    json.put("records", records);
    json.put("read", read);
    json.put("decodable", decodable);
    json.put("bySource", new TreeMap<>(bySource));
    return json;
  }
}
