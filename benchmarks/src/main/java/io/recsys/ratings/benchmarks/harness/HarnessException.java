package io.recsys.ratings.benchmarks.harness;

/** A harness step failed; the message says which and what it saw. */
final class HarnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HarnessException(String message) {
    super(message);
  }

  HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
