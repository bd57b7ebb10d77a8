package io.recsys.ratings.client;

/**
 * The unchecked root of every exception the ratings client throws or completes a future with.
 *
 * <p>{@link #isRetriable()} tells whether trying the same operation again may succeed (the broker
 * was unreachable, a timeout expired) or not (bad configuration, an invalid event, missing rights).
 * Retriable exceptions are {@link RetriableRatingsClientException}s.
 */
public class RatingsClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what went wrong and, where possible, what to do
   */
  public RatingsClientException(String message) {
    super(message);
  }

  /**
   * An exception with a message and a cause.
   *
   * @param message what went wrong and, where possible, what to do
   * @param cause the underlying exception
   */
  public RatingsClientException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the same operation may succeed if tried again.
   *
   * @return {@code false} for this class; {@code true} for {@link RetriableRatingsClientException}
   */
  public boolean isRetriable() {
    return false;
  }
}
