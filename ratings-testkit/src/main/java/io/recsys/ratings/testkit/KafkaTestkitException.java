package io.recsys.ratings.testkit;

/**
 * Unchecked failure of the testkit's own machinery: a broker that does not start or stop in time, a
 * topic that does not become usable, Docker that is not available. Shortfalls in data that a test
 * waits for ({@link KafkaCluster#awaitRecords}) are reported as {@link AssertionError} instead, so
 * they read as test failures.
 */
public class KafkaTestkitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and, where possible, what to do
   */
  public KafkaTestkitException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and, where possible, what to do
   * @param cause the underlying failure
   */
  public KafkaTestkitException(String message, Throwable cause) {
    super(message, cause);
  }
}
