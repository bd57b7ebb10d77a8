package io.recsys.ratings.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * How one member of a {@link RatingConsumerRuntime} ended.
 *
 * @param index the member's index, {@code 0 .. concurrency - 1}
 * @param name the member's name (its {@code client.id})
 * @param state {@link ConsumerState#STOPPED} or {@link ConsumerState#FAILED}
 * @param result what its {@link RatingConsumer#run()} returned; empty if the run threw
 * @param error what ended it on a problem: the exception or {@link Error} its run threw, or the
 *     detail of a stop reason that is not ok (e.g. {@code HANDLER_FAILED}); empty when it stopped
 *     as asked
 * @param stats its final stats
 */
public record MemberResult(
    int index,
    String name,
    ConsumerState state,
    Optional<ConsumerResult> result,
    Optional<ConsumerHealth.LastError> error,
    ConsumerStats stats) {

  /**
   * Checks the components.
   *
   * @param index the index
   * @param name the name
   * @param state the final state
   * @param result the run's result, or empty
   * @param error the error, or empty
   * @param stats the final stats
   */
  public MemberResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stats, "stats");
    result = result == null ? Optional.empty() : result;
    error = error == null ? Optional.empty() : error;
  }

  /**
   * Whether the member ended as asked.
   *
   * @return true if {@link ConsumerState#STOPPED}
   */
  public boolean isOk() {
    return state == ConsumerState.STOPPED;
  }
}
