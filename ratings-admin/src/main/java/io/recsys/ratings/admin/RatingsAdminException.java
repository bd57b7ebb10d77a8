package io.recsys.ratings.admin;

/**
 * Root of the unchecked exceptions thrown by {@code ratings-admin}. The message names what failed
 * (the Admin call, the topics or group, the bootstrap servers) and, where possible, what to do.
 *
 * <p>Subclasses split the causes: {@link AdminTimeoutException} (cluster unreachable or slow;
 * {@link #retriable()} is true), {@link AdminAuthorizationException} (the principal lacks an ACL)
 * and {@link InvalidTopicSpecException} (the cluster rejected a setting). Other failures are thrown
 * as this class, with {@link #retriable()} telling whether Kafka classed the cause as transient.
 */
public class RatingsAdminException extends RuntimeException {

  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** Whether retrying the same call later may succeed. */
  private final boolean retriable;

  /**
   * Creates an exception.
   *
   * @param message what failed and, where possible, what to do
   * @param cause the underlying Kafka exception, or null
   * @param retriable whether retrying the same call later may succeed
   */
  public RatingsAdminException(String message, Throwable cause, boolean retriable) {
    super(message, cause);
    this.retriable = retriable;
  }

  /**
   * Whether retrying the same call later may succeed (e.g. a timeout or a leader election), as
   * opposed to a failure that needs a change first (an ACL, a setting).
   *
   * @return true if the failure is transient
   */
  public boolean retriable() {
    return retriable;
  }
}
