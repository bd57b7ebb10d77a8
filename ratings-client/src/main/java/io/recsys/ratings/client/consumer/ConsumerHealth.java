package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.internal.KafkaProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Liveness and readiness of a {@link RatingConsumerRuntime} or of a single {@link RatingConsumer},
 * for a service's health endpoint: an immutable snapshot, cheap to take from any thread. Taking one
 * makes no broker call: lags are those the consumer learnt from its last fetches (at most about a
 * second old while it runs).
 *
 * <ul>
 *   <li><b>live</b>: the state is {@code STARTING}, {@code RUNNING} or {@code STOPPING} and no
 *       member has {@code FAILED} (a member whose thread died makes the runtime not live, while the
 *       others go on consuming its partitions).
 *   <li><b>ready</b>: the state is {@code RUNNING}, at least one member runs, and every running
 *       member has received its partition assignment from the group at least once. A member left
 *       with no partition (more members than partitions) counts as assigned.
 * </ul>
 *
 * @param state the state of the runtime (or of the single consumer)
 * @param live whether it is alive: started, not ended, no member failed
 * @param ready whether every running member has its assignment
 * @param members one entry per consumer, in member order (one for a single consumer)
 */
public record ConsumerHealth(
    ConsumerState state, boolean live, boolean ready, List<Member> members) {

  /**
   * Checks and copies.
   *
   * @param state the state
   * @param live whether alive
   * @param ready whether ready
   * @param members the members
   */
  public ConsumerHealth {
    Objects.requireNonNull(state, "state");
    members = List.copyOf(members);
  }

  /**
   * The health of a state and its members, with {@code live} and {@code ready} as described above.
   *
   * @param state the state of the runtime or consumer
   * @param members its members
   * @return the health
   */
  static ConsumerHealth of(ConsumerState state, List<Member> members) {
    boolean failed = members.stream().anyMatch(m -> m.state() == ConsumerState.FAILED);
    boolean live =
        !failed
            && (state == ConsumerState.STARTING
                || state == ConsumerState.RUNNING
                || state == ConsumerState.STOPPING);
    boolean anyRunning = false;
    boolean allAssigned = true;
    for (Member m : members) {
      if (m.state() == ConsumerState.RUNNING) {
        anyRunning = true;
        allAssigned &= m.assigned();
      }
    }
    boolean ready = state == ConsumerState.RUNNING && anyRunning && allAssigned;
    return new ConsumerHealth(state, live, ready, members);
  }

  /**
   * The partitions assigned to the members right now, with position and lag.
   *
   * @return every member's partitions, in member order
   */
  public List<PartitionProgress> assignedPartitions() {
    List<PartitionProgress> all = new ArrayList<>();
    members.forEach(m -> all.addAll(m.partitions()));
    return List.copyOf(all);
  }

  /**
   * The sum of the known lags of the assigned partitions.
   *
   * @return the total lag; partitions whose lag is not known yet count zero
   */
  public long totalLag() {
    long sum = 0;
    for (PartitionProgress p : assignedPartitions()) {
      sum += Math.max(0, p.lag());
    }
    return sum;
  }

  /**
   * The most recent error of any member.
   *
   * @return the error, or empty if none had one
   */
  public Optional<LastError> lastError() {
    return members.stream()
        .map(Member::lastError)
        .flatMap(Optional::stream)
        .max(Comparator.comparing(LastError::at));
  }

  /**
   * One consumer of a runtime (or the single consumer).
   *
   * @param name its name: the member's {@code client.id} (for a single consumer its {@code
   *     client.id}, or the group id if none is set)
   * @param state its state
   * @param assigned whether it has received a partition assignment (possibly empty) since it
   *     started
   * @param partitions its partitions right now, sorted, with position and lag ({@code -1} while not
   *     known yet)
   * @param sinceLastPoll the time since it last called {@code poll}; empty before its first poll or
   *     once it has ended. A handler that blocks makes it grow.
   * @param lastError the last handler failure or the error that ended it, if any
   */
  public record Member(
      String name,
      ConsumerState state,
      boolean assigned,
      List<PartitionProgress> partitions,
      Optional<Duration> sinceLastPoll,
      Optional<LastError> lastError) {

    /**
     * Checks and copies.
     *
     * @param name the name
     * @param state the state
     * @param assigned whether assigned
     * @param partitions the partitions
     * @param sinceLastPoll time since the last poll
     * @param lastError the last error
     */
    public Member {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
      partitions = List.copyOf(partitions);
      sinceLastPoll = sinceLastPoll == null ? Optional.empty() : sinceLastPoll;
      lastError = lastError == null ? Optional.empty() : lastError;
    }

    /**
     * This member with another state and, if given, another last error.
     *
     * @param newState the state
     * @param error the error, or null to keep the current one
     * @return the member
     */
    Member with(ConsumerState newState, LastError error) {
      return new Member(
          name,
          newState,
          assigned,
          newState.isTerminal() ? List.of() : partitions,
          newState.isTerminal() ? Optional.empty() : sinceLastPoll,
          error == null ? lastError : Optional.of(error));
    }
  }

  /**
   * An error a consumer met: its type and message, without secrets ({@code password=...} values are
   * masked) and cut to {@value #MAX_MESSAGE_LENGTH} characters.
   *
   * @param type the exception's class name
   * @param message its message (empty if it had none)
   * @param at when it happened
   */
  public record LastError(String type, String message, Instant at) {

    /** The longest message kept. */
    public static final int MAX_MESSAGE_LENGTH = 500;

    /**
     * Checks the components.
     *
     * @param type the class name
     * @param message the message
     * @param at when
     */
    public LastError {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(at, "at");
      message = message == null ? "" : message;
    }

    /**
     * The error of a throwable, now.
     *
     * @param t the throwable
     * @return its type and scrubbed, cut message
     */
    static LastError of(Throwable t) {
      return of(t.getClass().getName(), t.getMessage());
    }

    /**
     * An error of a type and message, now.
     *
     * @param type the type
     * @param message the message, scrubbed and cut here
     * @return the error
     */
    static LastError of(String type, String message) {
      String m = KafkaProperties.scrub(message == null ? "" : message);
      if (m.length() > MAX_MESSAGE_LENGTH) {
        m = m.substring(0, MAX_MESSAGE_LENGTH) + "...";
      }
      return new LastError(type, m, Instant.now());
    }
  }
}
