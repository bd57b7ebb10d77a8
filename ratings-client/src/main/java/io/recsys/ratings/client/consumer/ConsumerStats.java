package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.ClientStats;
import io.recsys.ratings.client.LatencySummary;
import java.time.Duration;
import java.util.List;

/**
 * An immutable snapshot of a {@link RatingConsumer}'s counters, cumulative since it was built.
 * Every record received is counted in exactly one of {@code valid}, {@code invalid}, {@code
 * malformed} and {@code processingErrors} once processed: {@code received} equals their sum.
 *
 * @param timestampMs when the snapshot was taken, epoch milliseconds
 * @param elapsed time since the consumer was built
 * @param received records processed (all classes)
 * @param valid records handled successfully
 * @param invalid records that failed validation
 * @param malformed records that are not rating events
 * @param processingErrors valid records whose handler failed for good (after the retries in place:
 *     dead-lettered, sent to a retry topic or skipped; a record handled after a retry is {@code
 *     valid}, and the record a consumer stopped on is not counted: it was not processed)
 * @param deadLettered records published to the dead-letter topic and acknowledged
 * @param throughputPerSecond records processed per second since the consumer was built
 * @param eventLatency from the event's own timestamp to receipt, for decoded events (valid and
 *     handler-failed)
 * @param recordLatency from the Kafka record timestamp to receipt, for every record
 * @param ratingDistribution the ratings of decoded valid events by half-star value
 * @param partitions position and lag of each assigned partition (as of the last update, at most
 *     about a second old while running)
 * @param failures what the failure policy did: retries, recoveries, dead letters by kind, skips
 */
public record ConsumerStats(
    long timestampMs,
    Duration elapsed,
    long received,
    long valid,
    long invalid,
    long malformed,
    long processingErrors,
    long deadLettered,
    double throughputPerSecond,
    LatencySummary eventLatency,
    LatencySummary recordLatency,
    RatingDistribution ratingDistribution,
    List<PartitionProgress> partitions,
    FailureStats failures)
    implements ClientStats {

  /**
   * Copies the partition list.
   *
   * @param timestampMs when the snapshot was taken
   * @param elapsed time since the consumer was built
   * @param received records processed
   * @param valid records handled successfully
   * @param invalid records that failed validation
   * @param malformed records that are not rating events
   * @param processingErrors valid records whose handler threw
   * @param deadLettered records dead-lettered
   * @param throughputPerSecond records per second
   * @param eventLatency event timestamp to receipt
   * @param recordLatency record timestamp to receipt
   * @param ratingDistribution the rating distribution
   * @param partitions the partitions' progress
   * @param failures what the failure policy did
   */
  public ConsumerStats {
    partitions = List.copyOf(partitions);
    failures = failures == null ? FailureStats.NONE : failures;
  }

  /**
   * The total lag over the assigned partitions whose lag is known.
   *
   * @return the sum of known lags, zero if none is known
   */
  public long totalLag() {
    long sum = 0;
    for (PartitionProgress p : partitions) {
      if (p.lag() > 0) {
        sum += p.lag();
      }
    }
    return sum;
  }

  /**
   * The count of one record kind.
   *
   * @param kind the kind
   * @return its count
   */
  public long count(RecordKind kind) {
    return switch (kind) {
      case VALID -> valid;
      case INVALID -> invalid;
      case MALFORMED -> malformed;
      case PROCESSING_ERROR -> processingErrors;
    };
  }

  /**
   * The number of records processed.
   *
   * @return {@link #received()}
   */
  @Override
  public long eventCount() {
    return received;
  }

  /**
   * The event-timestamp-to-receipt latency.
   *
   * @return {@link #eventLatency()}
   */
  @Override
  public LatencySummary latency() {
    return eventLatency;
  }
}
