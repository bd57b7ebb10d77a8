package io.recsys.ratings.client.producer;

/**
 * What {@link RatingProducer#close(java.time.Duration)} could deliver.
 *
 * @param acknowledged events acknowledged over the producer's lifetime
 * @param failed valid events that were not acknowledged (each was reported to its caller as a
 *     failed future)
 * @param unresolved events still without an outcome when close returned (zero unless Kafka's close
 *     itself timed out)
 * @param stats the final stats
 */
public record CloseResult(long acknowledged, long failed, long unresolved, ProducerStats stats) {

  /**
   * Whether everything sent was acknowledged.
   *
   * @return {@code true} if no event failed and none is unresolved
   */
  public boolean allDelivered() {
    return failed == 0 && unresolved == 0;
  }

  /**
   * Events that were sent but are not known to be stored.
   *
   * @return {@code failed + unresolved}
   */
  public long undelivered() {
    return failed + unresolved;
  }
}
