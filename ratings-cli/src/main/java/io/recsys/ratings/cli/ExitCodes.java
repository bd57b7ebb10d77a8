package io.recsys.ratings.cli;

/** Exit codes of the {@code ratings} CLI. */
final class ExitCodes {
  /** Everything went as asked. */
  static final int OK = 0;

  /** The command ran but found or caused a problem (conflict, failed sends, unhealthy topics). */
  static final int FAILED = 1;

  /** Bad arguments (picocli's usage error code). */
  static final int USAGE = 2;

  /** The cluster could not be reached within the connect timeout. */
  static final int UNREACHABLE = 3;

  private ExitCodes() {}
}
