package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.schema.RatingEvent;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Kafka did not acknowledge a valid event: it is not known to be stored. Carries the event and
 * Kafka's exception as the cause. {@link #isRetriable()} follows Kafka's classification of the
 * cause (e.g. a delivery timeout while the broker was down is retriable, an authorization error is
 * not). Since the producer is idempotent, resending the event after a retriable failure may store
 * it twice only if the first attempt in fact reached the broker.
 */
public class RatingDeliveryException extends RatingsClientException {
  private static final long serialVersionUID = 1L;

  /** The event that was not acknowledged. */
  private final RatingEvent event;

  /** The topic it was sent to. */
  private final String topic;

  /**
   * An exception for an unacknowledged event.
   *
   * @param topic the topic it was sent to
   * @param event the event
   * @param cause Kafka's exception
   */
  public RatingDeliveryException(String topic, RatingEvent event, Throwable cause) {
    super(
        "Rating not acknowledged by Kafka for topic '"
            + topic
            + "': "
            + event
            + ": "
            + cause.getClass().getSimpleName()
            + ": "
            + KafkaProperties.scrub(cause.getMessage()),
        cause);
    this.event = event;
    this.topic = topic;
  }

  /**
   * The topic the event was sent to.
   *
   * @return the topic name
   */
  public String topic() {
    return topic;
  }

  /**
   * The event that was not acknowledged.
   *
   * @return the event
   */
  public RatingEvent event() {
    return event;
  }

  /**
   * Whether Kafka classifies the cause as retriable.
   *
   * @return {@code true} if the cause is a Kafka {@code RetriableException}
   */
  @Override
  public boolean isRetriable() {
    return getCause() instanceof RetriableException;
  }
}
