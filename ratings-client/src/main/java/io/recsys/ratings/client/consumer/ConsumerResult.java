package io.recsys.ratings.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link RatingConsumer#run()} ended.
 *
 * @param stopReason why it stopped
 * @param stats the final stats
 * @param detail what happened, for {@link StopReason#HANDLER_FAILED}, {@link
 *     StopReason#TOPIC_NOT_FOUND} and {@link StopReason#CLUSTER_UNREACHABLE} (naming the record,
 *     topic or servers and what to do); empty for the others
 * @param failedRecord the record the consumer stopped on, for {@link StopReason#HANDLER_FAILED}
 */
public record ConsumerResult(
    StopReason stopReason,
    ConsumerStats stats,
    String detail,
    Optional<FailedRecord> failedRecord) {

  /**
   * Checks the components.
   *
   * @param stopReason why it stopped
   * @param stats the final stats
   * @param detail what happened, or empty
   * @param failedRecord the record stopped on, or empty
   */
  public ConsumerResult {
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(stats, "stats");
    detail = detail == null ? "" : detail;
    failedRecord = failedRecord == null ? Optional.empty() : failedRecord;
  }

  /**
   * A result with no detail and no failed record.
   *
   * @param stopReason why it stopped
   * @param stats the final stats
   */
  public ConsumerResult(StopReason stopReason, ConsumerStats stats) {
    this(stopReason, stats, "", Optional.empty());
  }

  /**
   * Whether the run ended as asked ({@link StopReason#MAX_MESSAGES}, {@link
   * StopReason#IDLE_TIMEOUT}, {@link StopReason#STOPPED}) rather than on a problem.
   *
   * @return {@code false} for {@link StopReason#HANDLER_FAILED}, {@link StopReason#TOPIC_NOT_FOUND}
   *     and {@link StopReason#CLUSTER_UNREACHABLE}
   */
  public boolean isOk() {
    return switch (stopReason) {
      case MAX_MESSAGES, IDLE_TIMEOUT, STOPPED -> true;
      case HANDLER_FAILED, TOPIC_NOT_FOUND, CLUSTER_UNREACHABLE -> false;
    };
  }

  /** Why a consumer's run ended. */
  public enum StopReason {
    /** The configured maximum number of records was processed. */
    MAX_MESSAGES,
    /** No record arrived for the configured idle timeout. */
    IDLE_TIMEOUT,
    /** {@link RatingConsumer#close()} or {@link RatingConsumer#wakeup()} was called. */
    STOPPED,
    /**
     * The {@link FailurePolicy} stopped the consumer ({@link FailurePolicy.Recoverer#STOP}) on a
     * record its handler failed on: that record and the ones after it in its partition were not
     * committed; {@link ConsumerResult#failedRecord()} names it.
     */
    HANDLER_FAILED,
    /**
     * The consumed topic does not exist (and was not created within the startup timeout): nothing
     * was read. Create it, e.g. with {@code ratings create-topics}.
     */
    TOPIC_NOT_FOUND,
    /** No broker answered within the startup timeout: nothing was read. */
    CLUSTER_UNREACHABLE
  }
}
