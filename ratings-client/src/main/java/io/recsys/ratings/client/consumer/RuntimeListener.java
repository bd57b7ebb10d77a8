package io.recsys.ratings.client.consumer;

/**
 * Hears about a {@link RatingConsumerRuntime}'s lifecycle: every state change, and each member that
 * ends (stopped as asked, or failed: its thread died or its failure policy stopped it).
 *
 * <p>Called on the thread that caused the event (the caller of {@code start()} or {@code stop()},
 * or the member's own thread as it ends), after the runtime's bookkeeping: it must return quickly.
 * It may call {@link RatingConsumerRuntime#state()}, {@link RatingConsumerRuntime#health()} and
 * {@link RatingConsumerRuntime#stop(java.time.Duration) stop(Duration.ZERO)}. Exceptions it throws
 * are logged and ignored.
 */
public interface RuntimeListener {

  /**
   * The runtime changed state.
   *
   * @param from the previous state
   * @param to the new state
   */
  default void onStateChange(ConsumerState from, ConsumerState to) {}

  /**
   * A member ended; called before the state change that its end may cause.
   *
   * @param result how it ended ({@link MemberResult#isOk()} false if it failed)
   */
  default void onMemberEnded(MemberResult result) {}
}
