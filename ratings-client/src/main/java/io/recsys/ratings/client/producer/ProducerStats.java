package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.ClientStats;
import io.recsys.ratings.client.LatencySummary;
import java.time.Duration;
import java.util.Map;

/**
 * An immutable snapshot of a {@link RatingProducer}'s counters, cumulative since it was built.
 *
 * <p>Every valid event given to {@code send} or {@code submit} is counted once in {@code sent} and
 * ends up in exactly one of {@code acknowledged} or {@code failed}; until then it is {@code
 * inFlight}, so {@code sent == acknowledged + failed + inFlight}. Invalid events are counted only
 * in {@code rejected}.
 *
 * @param timestampMs when the snapshot was taken, epoch milliseconds
 * @param elapsed time since the producer was built
 * @param sent valid events submitted
 * @param acknowledged events acknowledged by Kafka
 * @param failed valid events Kafka did not acknowledge (or that could not be submitted)
 * @param rejected invalid events, never sent
 * @param inFlight events submitted and not yet acknowledged or failed
 * @param acknowledgedPerPartition acknowledged events per partition number (sorted)
 * @param throughputPerSecond acknowledged events per second since the producer was built
 * @param sendToAckLatency latency from {@code send} to Kafka's acknowledgement, over every event
 *     sent with {@code sendAndWait} and a random one in eight (by default; the builder's {@code
 *     latencySampling}) of those sent with {@code send}, {@code sendAll} or {@code submit}; its
 *     count is the number of timed events
 */
public record ProducerStats(
    long timestampMs,
    Duration elapsed,
    long sent,
    long acknowledged,
    long failed,
    long rejected,
    long inFlight,
    Map<Integer, Long> acknowledgedPerPartition,
    double throughputPerSecond,
    LatencySummary sendToAckLatency)
    implements ClientStats {

  /**
   * The number of acknowledged events.
   *
   * @return {@link #acknowledged()}
   */
  @Override
  public long eventCount() {
    return acknowledged;
  }

  /**
   * The send-to-acknowledgement latency.
   *
   * @return {@link #sendToAckLatency()}
   */
  @Override
  public LatencySummary latency() {
    return sendToAckLatency;
  }
}
