package io.recsys.ratings.admin;

import io.recsys.ratings.admin.internal.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link TopicProvisioner#apply(ProvisioningPlan, ApplyMode)} did: one {@link TopicOutcome}
 * per topic of the plan, in plan order. Immutable.
 *
 * @param mode the mode the plan was applied in
 * @param outcomes one outcome per topic
 */
public record ProvisioningResult(ApplyMode mode, List<TopicOutcome> outcomes) {

  /**
   * Copies the outcomes.
   *
   * @param mode the mode the plan was applied in
   * @param outcomes one outcome per topic
   * @throws NullPointerException if a component is null
   */
  public ProvisioningResult {
    Objects.requireNonNull(mode, "mode");
    outcomes = List.copyOf(outcomes);
  }

  /**
   * The outcome for one topic.
   *
   * @param topic topic name
   * @return its outcome
   * @throws NoSuchElementException if the result does not cover the topic
   */
  public TopicOutcome outcome(String topic) {
    return outcomes.stream()
        .filter(o -> o.topic().equals(topic))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("topic not in result: " + topic));
  }

  /**
   * Whether any topic conflicts with its spec (and was therefore left alone).
   *
   * @return true if any outcome is {@link TopicOutcome.Status#CONFLICT}
   */
  public boolean hasConflicts() {
    return outcomes.stream().anyMatch(o -> o.status() == TopicOutcome.Status.CONFLICT);
  }

  /**
   * Whether a change was not made because it needs explicit permission (adding partitions to a
   * keyed topic without {@link ApplyMode#APPLY_ALLOW_REPARTITION}).
   *
   * @return true if any outcome is {@link TopicOutcome.Status#BLOCKED}
   */
  public boolean hasBlocked() {
    return outcomes.stream().anyMatch(o -> o.status() == TopicOutcome.Status.BLOCKED);
  }

  /**
   * Whether any Admin call failed.
   *
   * @return true if any outcome is {@link TopicOutcome.Status#FAILED}
   */
  public boolean hasFailures() {
    return outcomes.stream().anyMatch(o -> o.status() == TopicOutcome.Status.FAILED);
  }

  /**
   * Whether every topic was handled without failure, conflict or blocked change. Skipped changes
   * (dry run, create-only drift) do not count against success; check {@link #outcomes()} for them.
   *
   * @return true if no outcome is {@link TopicOutcome.Status#FAILED}, {@link
   *     TopicOutcome.Status#CONFLICT} or {@link TopicOutcome.Status#BLOCKED}
   */
  public boolean isSuccess() {
    return !hasFailures() && !hasConflicts() && !hasBlocked();
  }

  /**
   * The number of topics per status, for summaries.
   *
   * @return status to count, only statuses that occur
   */
  public Map<TopicOutcome.Status, Long> countByStatus() {
    return outcomes.stream()
        .collect(Collectors.groupingBy(TopicOutcome::status, Collectors.counting()));
  }

  /**
   * The failures, for rethrowing or logging.
   *
   * @return the errors of the {@link TopicOutcome.Status#FAILED} outcomes
   */
  public List<RatingsAdminException> errors() {
    List<RatingsAdminException> errors = new ArrayList<>();
    outcomes.forEach(o -> o.error().ifPresent(errors::add));
    return errors;
  }

  /**
   * The result as a text table in the spirit of {@code kafka-topics --describe}, one row per topic:
   * topic, partition count, replication factor, the spec's configs, status and details.
   *
   * @return the table, lines separated by {@code \n}
   */
  public String toTable() {
    return Tables.render(
        List.of("TOPIC", "PARTITIONS", "RF", "CONFIGS", "STATUS", "DETAILS"),
        outcomes.stream()
            .map(
                o ->
                    List.of(
                        o.topic(),
                        String.valueOf(o.action().spec().partitions()),
                        Tables.replication(o.action().spec().replicationFactor()),
                        Tables.configs(o.action().spec().configs()),
                        o.status().name(),
                        o.detail()))
            .toList());
  }
}
