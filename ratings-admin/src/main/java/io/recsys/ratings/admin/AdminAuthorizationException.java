package io.recsys.ratings.admin;

/**
 * The principal is not allowed to do what was asked (a topic or cluster ACL is missing). Not
 * {@linkplain #retriable() retriable}: an operator must grant the ACL named in the message first.
 */
public class AdminAuthorizationException extends RatingsAdminException {

  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message which operation on which topic or on the cluster was denied
   * @param cause the underlying Kafka authorization exception, or null
   */
  public AdminAuthorizationException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
