package io.recsys.ratings.cli;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions without a consumer group from given offsets (or their beginning) up to their end
 * offsets as they were when the scan started: a bounded read that sees a fixed set of records even
 * while others are written. Gives up when no record arrives for the idle timeout.
 */
final class TopicScan {

  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * What a scan read.
   *
   * @param complete whether every partition was read to its end offset
   * @param ends the end offsets at the start
   * @param reached the next offset to read of each partition when the scan stopped
   */
  record Outcome(
      boolean complete, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> reached) {

    /** The partitions that were not read to their end, as {@code topic-p at x of y}. */
    String missing() {
      StringBuilder out = new StringBuilder();
      ends.forEach(
          (tp, end) -> {
            long at = reached.getOrDefault(tp, 0L);
            if (at < end) {
              out.append(out.length() == 0 ? "" : ", ")
                  .append(tp)
                  .append(" at ")
                  .append(at)
                  .append(" of ")
                  .append(end);
            }
          });
      return out.toString();
    }
  }

  private TopicScan() {}

  /**
   * Reads every record of the partitions below their end offsets.
   *
   * @param consumer a consumer without a group (closed by the caller)
   * @param partitions the partitions
   * @param from where to start in each partition; partitions not in the map start at the beginning
   * @param idleTimeout give up when no record arrived for this long
   * @param each receives each record, in partition order
   * @param stop checked between polls (Ctrl+C)
   * @return what was read
   */
  static Outcome scan(
      KafkaConsumer<byte[], byte[]> consumer,
      Collection<TopicPartition> partitions,
      Map<TopicPartition, Long> from,
      Duration idleTimeout,
      Consumer<ConsumerRecord<byte[], byte[]>> each,
      BooleanSupplier stop) {
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
    Map<TopicPartition, Long> reached = new HashMap<>();
    Set<TopicPartition> open = new HashSet<>();
    for (TopicPartition tp : partitions) {
      Long start = from.get(tp);
      if (start == null) {
        consumer.seekToBeginning(java.util.List.of(tp));
      } else {
        consumer.seek(tp, start);
      }
      long position = consumer.position(tp);
      reached.put(tp, position);
      if (position < ends.getOrDefault(tp, 0L)) {
        open.add(tp);
      } else {
        consumer.pause(java.util.List.of(tp));
      }
    }
    long lastProgress = System.nanoTime();
    while (!open.isEmpty() && !stop.getAsBoolean()) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
      if (!records.isEmpty()) {
        lastProgress = System.nanoTime();
      }
      for (TopicPartition tp : records.partitions()) {
        long end = ends.getOrDefault(tp, 0L);
        for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
          if (r.offset() < end) {
            each.accept(r);
          }
        }
      }
      for (TopicPartition tp : Set.copyOf(open)) {
        long position = consumer.position(tp);
        reached.put(tp, Math.min(position, ends.getOrDefault(tp, 0L)));
        if (position >= ends.getOrDefault(tp, 0L)) {
          open.remove(tp);
          consumer.pause(java.util.List.of(tp));
        }
      }
      if (!open.isEmpty() && System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
        break;
      }
    }
    return new Outcome(open.isEmpty(), ends, reached);
  }
}
