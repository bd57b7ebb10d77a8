package io.recsys.ratings.client;

/**
 * A failure that trying again may fix: a timeout expired, the broker or a partition leader was not
 * available, a send was not acknowledged in time.
 */
public class RetriableRatingsClientException extends RatingsClientException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what went wrong
   */
  public RetriableRatingsClientException(String message) {
    super(message);
  }

  /**
   * An exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause the underlying exception
   */
  public RetriableRatingsClientException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Always {@code true}.
   *
   * @return {@code true}
   */
  @Override
  public boolean isRetriable() {
    return true;
  }
}
