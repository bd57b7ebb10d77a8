package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.schema.RatingEvent;

/**
 * What became of one {@code send}: exactly one of acknowledged (with a result), failed or rejected
 * (with the error).
 *
 * @param event the event given to {@code send}
 * @param status what became of it
 * @param result where Kafka stored it; null unless acknowledged
 * @param error why it was not stored; null if acknowledged ({@link RatingRejectedException} when
 *     rejected, usually {@link RatingDeliveryException} when failed)
 */
public record SendOutcome(
    RatingEvent event, Status status, SendResult result, RatingsClientException error) {

  /** What became of a send. */
  public enum Status {
    /** Stored by Kafka and acknowledged. */
    ACKNOWLEDGED,
    /** Valid, but not acknowledged by Kafka (not known to be stored). */
    FAILED,
    /** Invalid, never sent. */
    REJECTED
  }
}
