package io.recsys.ratings.admin;

/** How {@link TopicProvisioner#apply(ProvisioningPlan, ApplyMode)} treats a plan. */
public enum ApplyMode {
  /** Create missing topics, add partitions and alter configs; conflicts are left alone. */
  APPLY,
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
