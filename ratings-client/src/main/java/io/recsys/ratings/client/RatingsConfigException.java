package io.recsys.ratings.client;

/**
 * A setting of a builder or a passed-through Kafka property is missing, unknown or out of range.
 * The message names the setting and the allowed values; it never contains the value of a secret.
 * Not retriable.
 */
public class RatingsConfigException extends RatingsClientException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message the bad setting, the bad value (unless secret) and what is allowed
   */
  public RatingsConfigException(String message) {
    super(message);
  }
}
