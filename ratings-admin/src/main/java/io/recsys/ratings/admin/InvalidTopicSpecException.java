package io.recsys.ratings.admin;

/**
 * The cluster rejected a topic setting: an unknown config name, an invalid config value, a
 * replication factor larger than the number of brokers, or a policy violation. Not {@linkplain
 * #retriable() retriable}: the spec (or the cluster) must change first. The message names the topic
 * and quotes the broker's reason.
 */
public class InvalidTopicSpecException extends RatingsAdminException {

  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message which topic and setting was rejected, and the broker's reason
   * @param cause the underlying Kafka exception, or null
   */
  public InvalidTopicSpecException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
