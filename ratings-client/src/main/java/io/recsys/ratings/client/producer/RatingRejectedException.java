package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.Violation;
import java.util.List;

/**
 * An event failed validation and was never sent. Carries the event and every violation. Not
 * retriable: sending the same event again fails the same way.
 */
public class RatingRejectedException extends RatingsClientException {
  private static final long serialVersionUID = 1L;

  /** The rejected event. */
  private final RatingEvent event;

  /** The violations, never empty. */
  private final transient List<Violation> violations;

  /**
   * An exception for a rejected event.
   *
   * @param event the event that failed validation
   * @param violations every violation found, not empty
   */
  public RatingRejectedException(RatingEvent event, List<Violation> violations) {
    super("Rating rejected, not sent: " + event + " violates " + violations);
    this.event = event;
    this.violations = List.copyOf(violations);
  }

  /**
   * The rejected event.
   *
   * @return the event
   */
  public RatingEvent event() {
    return event;
  }

  /**
   * Why it was rejected.
   *
   * @return every violation, not empty
   */
  public List<Violation> violations() {
    return violations;
  }
}
