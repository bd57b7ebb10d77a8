package io.recsys.ratings.client.consumer;

/**
 * Receives {@link ConsumerStats} snapshots every {@code statsInterval} while the consumer runs and
 * once more when {@link RatingConsumer#run()} ends.
 *
 * <p>Called on the thread running {@code run()}, between polls: it must return quickly, since it
 * delays consumption. Exceptions it throws are logged and ignored.
 */
@FunctionalInterface
public interface ConsumerStatsListener {

  /**
   * Receives a snapshot.
   *
   * @param stats the snapshot
   */
  void onStats(ConsumerStats stats);
}
