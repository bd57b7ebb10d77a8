package io.recsys.ratings.client.consumer;

import java.util.List;

/**
 * Observes every record a Kafka-backed {@link RatingConsumer} processes: its outcome, its {@link
 * RecordKind} and how long the handler took. For metrics (the {@code ratings-micrometer} module
 * binds one to a Micrometer {@code MeterRegistry}); set with {@link
 * RatingConsumerBuilder#observer}. Without one the consumer makes no call and reads no extra clock.
 *
 * <p>Called on the thread running {@link RatingConsumer#run()}: it must return quickly, since it
 * delays consumption. Exceptions it throws are logged and ignored.
 */
public interface ConsumerObserver {

  /**
   * A record's outcome, or a failed handler attempt.
   *
   * @param topic the topic the record was read from (a retry topic for a retried record)
   * @param partition its partition
   * @param outcome what became of it
   * @param kind {@link RecordKind#VALID} for {@link RecordOutcome#HANDLED}, {@link
   *     RecordKind#INVALID} or {@link RecordKind#MALFORMED} for a record that never reached the
   *     handler, {@link RecordKind#PROCESSING_ERROR} for a handler failure
   * @param handlerNanos how long the handler call took, in nanoseconds, for {@link
   *     RecordOutcome#HANDLED} and {@link RecordOutcome#HANDLER_FAILED}; -1 for the others
   */
  void onRecord(
      String topic, int partition, RecordOutcome outcome, RecordKind kind, long handlerNanos);

  /**
   * The consumer's position and lag in each assigned partition, about once a second while it runs
   * (and once more at the end). Does nothing by default.
   *
   * @param partitions the assigned partitions, sorted by topic and partition
   */
  default void onPartitions(List<PartitionProgress> partitions) {}
}
