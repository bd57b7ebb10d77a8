package io.recsys.ratings.client.consumer;

/**
 * The record a {@link RatingConsumer} stopped on ({@link
 * ConsumerResult.StopReason#HANDLER_FAILED}): it was not committed, so a restarted consumer of the
 * group reads it again.
 *
 * @param topic the topic it is in (a retry topic if it failed there)
 * @param partition its partition
 * @param offset its offset
 * @param attempts how many times the handler was called for it in this run
 * @param exceptionClass the class name of the handler's last exception
 * @param reason the last exception's message (cut to {@link DeadLetterHeaders#MAX_REASON_LENGTH})
 */
public record FailedRecord(
    String topic, int partition, long offset, int attempts, String exceptionClass, String reason) {

  /**
   * Topic, partition, offset and the failure, for messages.
   *
   * @return e.g. {@code ratings-3@1234 (3 attempts, java.io.IOException: db down)}
   */
  @Override
  public String toString() {
    return topic
        + "-"
        + partition
        + "@"
        + offset
        + " ("
        + attempts
        + (attempts == 1 ? " attempt, " : " attempts, ")
        + exceptionClass
        + ": "
        + reason
        + ")";
  }
}
