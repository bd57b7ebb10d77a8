package io.recsys.ratings.client.producer;

/**
 * Receives {@link ProducerStats} snapshots periodically (every {@code statsInterval}) and once more
 * when the producer is closed.
 *
 * <p>Called on the producer's own daemon thread {@code ratings-producer-stats}, and for the final
 * snapshot on the thread that calls {@code close}; never concurrently with itself. It should return
 * quickly. Exceptions it throws are logged and ignored.
 */
@FunctionalInterface
public interface ProducerStatsListener {

  /**
   * Receives a snapshot.
   *
   * @param stats the snapshot
   */
  void onStats(ProducerStats stats);
}
