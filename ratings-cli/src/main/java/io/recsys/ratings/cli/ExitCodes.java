package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.ConsumerResult;

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

  /**
   * The exit code of a consume run that ended for this reason: {@link #UNREACHABLE} for an
   * unreachable cluster, {@link #FAILED} for a missing topic or a consumer stopped by its failure
   * policy, {@link #OK} for the stop conditions asked for.
   */
  static int forStop(ConsumerResult.StopReason reason) {
    return switch (reason) {
      case MAX_MESSAGES, IDLE_TIMEOUT, STOPPED -> OK;
      case CLUSTER_UNREACHABLE -> UNREACHABLE;
      case TOPIC_NOT_FOUND, HANDLER_FAILED -> FAILED;
    };
  }
}
