package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import java.util.Optional;

/**
 * The summary of {@link RatingProducer#sendAll(Iterable)}: every event is counted in exactly one of
 * acknowledged, rejected, failed or unresolved.
 *
 * @param submitted events taken from the source
 * @param acknowledged events Kafka acknowledged
 * @param rejected invalid events, never sent
 * @param failed valid events Kafka did not acknowledge
 * @param unresolved events still without an outcome when the wait ended (zero unless the wait timed
 *     out)
 * @param firstError the first rejection or failure, if any
 */
public record BatchResult(
    long submitted,
    long acknowledged,
    long rejected,
    long failed,
    long unresolved,
    Optional<RatingsClientException> firstError) {

  /**
   * Whether every valid event was acknowledged.
   *
   * @return {@code true} if nothing failed and nothing is unresolved
   */
  public boolean allValidAcknowledged() {
    return failed == 0 && unresolved == 0;
  }
}
