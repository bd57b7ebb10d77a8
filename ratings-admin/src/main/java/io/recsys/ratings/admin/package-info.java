/**
 * Idempotent topic provisioning with drift detection, and read-only cluster inspection.
 *
 * <h2>Provisioning</h2>
 *
 * <p>Describe the wanted topics as {@link io.recsys.ratings.admin.TopicSpec}s (the pipeline's are
 * built in), plan, look at the plan if you like, and apply:
 *
 * <pre>{@code
 * AdminSettings settings = AdminSettings.builder()
 *     .bootstrapServers("localhost:9092")
 *     .timeout(Duration.ofSeconds(15))
 *     .build();
 * try (TopicProvisioner provisioner = TopicProvisioner.create(settings)) {
 *   ProvisioningPlan plan = provisioner.plan(TopicSpec.pipeline());
 *   ProvisioningResult result = provisioner.apply(plan);          // or ApplyMode.DRY_RUN
 *   String table = result.toTable();                               // the library never prints
 * }
 * }</pre>
 *
 * <p>Per topic the plan says {@code CREATE}, {@code UP_TO_DATE}, {@code UPDATE} (partitions to add
 * and configs to alter, each with current value, source and wanted value) or {@code CONFLICT}
 * (fewer partitions than exist, another replication factor: never touched). Applying never deletes
 * anything; a topic created concurrently by someone else is re-planned. {@link
 * io.recsys.ratings.admin.ApplyMode#CREATE_ONLY} only creates missing topics and reports drift;
 * {@link io.recsys.ratings.admin.ApplyMode#DRY_RUN} changes nothing.
 *
 * <h2>Inspection</h2>
 *
 * <p>{@link io.recsys.ratings.admin.ClusterInspector} describes topics (leader, replicas, ISR,
 * earliest and latest offsets per partition, topic configs) and consumer groups (state, members,
 * committed offset, end offset and lag per partition, total lag).
 *
 * <h2>Errors</h2>
 *
 * <p>All failures are unchecked {@link io.recsys.ratings.admin.RatingsAdminException}s: {@link
 * io.recsys.ratings.admin.AdminTimeoutException} (cluster unreachable within the timeout,
 * retriable), {@link io.recsys.ratings.admin.AdminAuthorizationException} (ACL missing) and {@link
 * io.recsys.ratings.admin.InvalidTopicSpecException} (config name or value, replication factor
 * rejected by the cluster).
 */
package io.recsys.ratings.admin;
