package io.recsys.ratings.client;

/**
 * How {@link RatingConsumer#run()} ended.
 *
 * @param stopReason why it stopped
 * @param stats the final stats
 */
public record ConsumerResult(StopReason stopReason, ConsumerStats stats) {

  /** Why a consumer's run ended. */
  public enum StopReason {
    /** The configured maximum number of records was processed. */
    MAX_MESSAGES,
    /** No record arrived for the configured idle timeout. */
    IDLE_TIMEOUT,
    /** {@link RatingConsumer#close()} or {@link RatingConsumer#wakeup()} was called. */
    STOPPED
  }
}
