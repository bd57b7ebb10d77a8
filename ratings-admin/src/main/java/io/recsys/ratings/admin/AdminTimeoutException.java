package io.recsys.ratings.admin;

/**
 * The cluster did not answer within the configured timeout: it is unreachable (wrong bootstrap
 * servers, broker down, firewall, wrong security protocol) or too slow. Always {@linkplain
 * #retriable() retriable}. The message names the bootstrap servers, the call and the timeout.
 */
public class AdminTimeoutException extends RatingsAdminException {

  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what timed out, against which cluster, after how long
   * @param cause the underlying timeout, or null
   */
  public AdminTimeoutException(String message, Throwable cause) {
    super(message, cause, true);
  }
}
