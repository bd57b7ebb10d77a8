package io.recsys.ratings.client.consumer;

/**
 * What a {@link RatingConsumer}'s {@link FailurePolicy} did, cumulative since the consumer was
 * built. Part of {@link ConsumerStats}.
 *
 * @param handlerFailures handler calls that threw (every attempt counts)
 * @param retries handler calls repeated after a backoff
 * @param recoveredAfterRetry records the handler failed on and then handled (counted {@code valid})
 * @param notRetryable failures the policy judged not worth retrying
 * @param sentToRetryTopic records published to a retry topic and acknowledged
 * @param deadLetteredInvalid INVALID records dead-lettered and acknowledged
 * @param deadLetteredMalformed MALFORMED records dead-lettered and acknowledged
 * @param deadLetteredProcessingError records the handler failed on, dead-lettered and acknowledged
 * @param reducedDeadLetters dead letters sent in the reduced form (value cut, see {@link
 *     DeadLetterHeaders#TRUNCATED}) because the record was too large to publish as it is
 * @param skipped records left behind by the {@code SKIP} recoverer
 * @param dropped invalid or malformed records counted and committed without a dead letter (the
 *     consumer has no dead-letter topic)
 * @param stopped 1 if the {@code STOP} recoverer stopped the consumer, else 0
 * @param topicRecreations subscribed topics found deleted and re-created (new topic id)
 */
public record FailureStats(
    long handlerFailures,
    long retries,
    long recoveredAfterRetry,
    long notRetryable,
    long sentToRetryTopic,
    long deadLetteredInvalid,
    long deadLetteredMalformed,
    long deadLetteredProcessingError,
    long reducedDeadLetters,
    long skipped,
    long dropped,
    long stopped,
    long topicRecreations) {

  /** No failure at all. */
  public static final FailureStats NONE = new FailureStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
