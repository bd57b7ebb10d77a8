package io.recsys.ratings.admin;

/** How {@link TopicProvisioner#apply(ProvisioningPlan, ApplyMode)} treats a plan. */
public enum ApplyMode {
  /**
   * Create missing topics, alter configs, and add partitions to topics that are not {@linkplain
   * TopicSpec#keyed() keyed}; conflicts are left alone. Adding partitions to a keyed topic is not
   * done: it moves keys (users) to other partitions and breaks their order, so it needs {@link
   * #APPLY_ALLOW_REPARTITION}; such a topic is reported as {@link TopicOutcome.Status#BLOCKED} (its
   * config changes are made).
   */
  APPLY,
  /**
   * As {@link #APPLY}, and also add partitions to keyed topics. Choose it knowingly: records of a
   * key written after the change mostly go to another partition than its earlier records, so
   * consumers may see a key's records out of order around the change. Stop the producers first and
   * let the consumers catch up if per-key order matters.
   */
  APPLY_ALLOW_REPARTITION,
  /**
   * Create missing topics only; drift of existing topics is reported ({@link
   * TopicOutcome.Status#SKIPPED}) and not changed.
   */
  CREATE_ONLY,
  /**
   * Change nothing at all; every planned change is reported as {@link TopicOutcome.Status#SKIPPED}.
   */
  DRY_RUN
}
