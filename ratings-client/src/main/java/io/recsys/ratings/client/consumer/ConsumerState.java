package io.recsys.ratings.client.consumer;

/**
 * The lifecycle state of a {@link RatingConsumerRuntime}, of one of its members, or of a single
 * {@link RatingConsumer}.
 *
 * <pre>
 * NEW --start()--&gt; STARTING --threads started--&gt; RUNNING --stop()--&gt; STOPPING --&gt; STOPPED
 *                                                  |                            \-&gt; FAILED
 *                                                  \--every member ended by itself--&gt; STOPPED or FAILED
 * </pre>
 *
 * <p>{@link #STOPPED} and {@link #FAILED} are final. A single {@link RatingConsumer} is {@code NEW}
 * until {@link RatingConsumer#run()}, {@code RUNNING} in it, {@code STOPPING} once asked to stop,
 * then {@code STOPPED} or {@code FAILED}; it is never {@code STARTING}.
 */
public enum ConsumerState {
  /** Built, not started. */
  NEW,
  /** {@link RatingConsumerRuntime#start()} is creating the consumers and their threads. */
  STARTING,
  /** Polling and handling records (or waiting for an assignment). */
  RUNNING,
  /** Asked to stop: finishing the record in hand, committing what is done and leaving the group. */
  STOPPING,
  /** Ended as asked: a stop, the idle timeout or the maximum number of records. */
  STOPPED,
  /**
   * Ended on a problem: for a consumer, its run threw (an exception or an {@link Error} from the
   * handler) or ended with a stop reason that is not {@link ConsumerResult#isOk() ok}; for a
   * runtime, at least one of its members failed.
   */
  FAILED;

  /**
   * Whether this state is final.
   *
   * @return true for {@link #STOPPED} and {@link #FAILED}
   */
  public boolean isTerminal() {
    return this == STOPPED || this == FAILED;
  }
}
