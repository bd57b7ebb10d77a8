package io.recsys.ratings.admin;

import java.util.Objects;
import java.util.Optional;

/**
 * What applying a plan did to one topic.
 *
 * @param action the action that was carried out (after re-planning, if the topic was created
 *     concurrently by someone else between plan and apply)
 * @param status what happened
 * @param detail a human description of what was done, skipped or why it failed
 * @param error the failure, present only for {@link Status#FAILED}
 */
public record TopicOutcome(
    TopicAction action, Status status, String detail, Optional<RatingsAdminException> error) {

  /** What happened to a topic. */
  public enum Status {
    /** The topic was created. */
    CREATED,
    /** Partitions were added and/or configs altered. */
    UPDATED,
    /** The topic already matched its spec; nothing was done. */
    UNCHANGED,
    /** A change was planned but not made (dry run, or drift in create-only mode). */
    SKIPPED,
    /** The topic conflicts with its spec and was left alone. */
    CONFLICT,
    /**
     * Adding partitions to this {@linkplain TopicSpec#keyed() keyed} topic needs explicit
     * permission ({@link ApplyMode#APPLY_ALLOW_REPARTITION}) and was not done; its config changes,
     * if any, were made. The detail says why and how to allow it.
     */
    BLOCKED,
    /** An Admin call for this topic failed; see {@link TopicOutcome#error()}. */
    FAILED
  }

  /**
   * Validates the components.
   *
   * @param action the action that was carried out (after re-planning, if the topic was created
   *     concurrently by someone else between plan and apply)
   * @param status what happened
   * @param detail a human description of what was done, skipped or why it failed
   * @param error the failure, present only for {@link Status#FAILED}
   * @throws IllegalArgumentException if an error is given for a status other than FAILED, or
   *     missing for FAILED
   */
  public TopicOutcome {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(error, "error");
    if ((status == Status.FAILED) != error.isPresent()) {
      throw new IllegalArgumentException(
          "an error goes with status FAILED and only with it; status " + status);
    }
  }

  /**
   * The topic name.
   *
   * @return {@code action().topic()}
   */
  public String topic() {
    return action.topic();
  }
}
