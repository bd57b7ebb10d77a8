package io.recsys.ratings.client;

import io.recsys.ratings.client.metrics.MetricsPublisher;

/**
 * What producer and consumer stats have in common, enough for a {@link MetricsPublisher} to turn
 * them into metrics events.
 */
public interface ClientStats {

  /**
   * When the snapshot was taken.
   *
   * @return epoch milliseconds
   */
  long timestampMs();

  /**
   * The cumulative count of events that made it through: acknowledged for a producer, records
   * processed (any class) for a consumer.
   *
   * @return the count since the client started
   */
  long eventCount();

  /**
   * The headline latency: send-to-acknowledgement for a producer, event timestamp to receipt for a
   * consumer; cumulative since the client started.
   *
   * @return the latency summary
   */
  LatencySummary latency();
}
