package io.recsys.ratings.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.admin.TopicAction.ConfigChange;
import io.recsys.ratings.admin.TopicAction.Kind;
import io.recsys.ratings.admin.TopicAction.PartitionChange;
import io.recsys.ratings.admin.TopicOutcome.Status;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationTest
@WithKafka(brokerConfig = "auto.create.topics.enable=false")
class TopicProvisionerIntegrationTest {

  private static final String ONE_DAY_MS = "86400000";

  private TopicProvisioner provisioner;
  private ClusterInspector inspector;

  @BeforeEach
  void connect(KafkaCluster kafka) {
    AdminSettings settings =
        AdminSettings.builder()
            .clientProperties(kafka.clientProperties())
            .timeout(Duration.ofSeconds(20))
            .build();
    provisioner = TopicProvisioner.create(settings);
    inspector = ClusterInspector.create(settings);
  }

  @AfterEach
  void disconnect() {
    provisioner.close();
    inspector.close();
  }

  /**
   * A spec shaped like the built-in ratings spec (6 partitions, 7 days, lz4) under another name.
   */
  private static TopicSpec ratingsLike(String name) {
    TopicSpec ratings = TopicSpec.ratings();
    return new TopicSpec(
        name, ratings.partitions(), ratings.replicationFactor(), ratings.configs());
  }

  @Test
  void createsThePipelineFromNothingAndASecondRunChangesNothing(KafkaCluster kafka) {
    AdminSettings settings =
        AdminSettings.builder().clientProperties(kafka.clientProperties()).build();
    // tag::provision[]
    try (TopicProvisioner provisioner = TopicProvisioner.create(settings)) {
      ProvisioningPlan plan = provisioner.plan(TopicSpec.pipeline());
      ProvisioningResult result = provisioner.apply(plan); // or apply(plan, ApplyMode.DRY_RUN)
      if (!result.isSuccess()) {
        throw new IllegalStateException("topics not provisioned:\n" + result.toTable());
      }
    }
    // end::provision[]

    TopicDetails ratings = inspector.describeTopic("ratings");
    assertThat(ratings.partitionCount()).isEqualTo(6);
    assertThat(ratings.replicationFactor()).isEqualTo(1);
    assertThat(ratings.configs())
        .containsEntry("retention.ms", "604800000")
        .containsEntry("compression.type", "lz4");
    TopicDetails metrics = inspector.describeTopic("metrics");
    assertThat(metrics.partitionCount()).isEqualTo(3);
    assertThat(metrics.configs())
        .containsEntry("retention.ms", "2592000000")
        .containsEntry("compression.type", "gzip");
    assertThat(inspector.describeTopic("ratings.dlq").partitionCount()).isEqualTo(3);
    TopicDetails recommendations = inspector.describeTopic("recommendations");
    assertThat(recommendations.partitionCount()).isEqualTo(6);
    assertThat(recommendations.configs())
        .containsEntry("cleanup.policy", "compact")
        .containsEntry("compression.type", "lz4");

    ProvisioningPlan second = provisioner.plan(TopicSpec.pipeline());
    assertThat(second.actions()).extracting(TopicAction::kind).containsOnly(Kind.UP_TO_DATE);
    assertThat(second.hasChanges()).isFalse();
    ProvisioningResult again = provisioner.apply(second);
    assertThat(again.outcomes()).extracting(TopicOutcome::status).containsOnly(Status.UNCHANGED);
    assertThat(again.isSuccess()).isTrue();
    assertThat(again.toTable()).contains("ratings.dlq").contains("UNCHANGED");
  }

  @Test
  void topicWithThreePartitionsAndOneDayRetentionIsPlannedAsAddPartitionsPlusAlterConfig(
      KafkaCluster kafka) {
    kafka.createTopic(
        "drifted", 3, 1, Map.of("retention.ms", ONE_DAY_MS, "compression.type", "lz4"));
    TopicSpec spec = ratingsLike("drifted");

    // tag::drift[]
    ProvisioningPlan plan = provisioner.plan(List.of(spec));
    String drift = plan.toTable(); // per topic: action, partitions, RF, what differs
    ProvisioningResult result = provisioner.apply(plan); // fixes what can be fixed safely
    // end::drift[]

    TopicAction action = plan.action("drifted");
    assertThat(action.kind()).isEqualTo(Kind.UPDATE);
    assertThat(action.partitionChange()).contains(new PartitionChange(3, 6));
    assertThat(action.configChanges())
        .containsExactly(
            new ConfigChange(
                "retention.ms", ONE_DAY_MS, ConfigSource.DYNAMIC_TOPIC_CONFIG, "604800000"));

    assertThat(drift)
        .contains("UPDATE")
        .contains("3 -> 6")
        .contains("retention.ms: 86400000")
        .contains("keyed topic: moves keys (users) to other partitions");

    // the spec is keyed: the config is fixed, the partitions wait for explicit permission
    TopicOutcome outcome = result.outcome("drifted");
    assertThat(outcome.status()).isEqualTo(Status.BLOCKED);
    assertThat(outcome.detail())
        .contains("altered retention.ms")
        .contains("partitions not added 3 -> 6")
        .contains("per-key order")
        .contains("APPLY_ALLOW_REPARTITION")
        .contains("--allow-repartition");
    assertThat(result.hasBlocked()).isTrue();
    assertThat(result.isSuccess()).isFalse();
    TopicDetails blocked = inspector.describeTopic("drifted");
    assertThat(blocked.partitionCount()).isEqualTo(3);
    assertThat(blocked.configs()).containsEntry("retention.ms", "604800000");

    ProvisioningResult allowed =
        provisioner.apply(provisioner.plan(List.of(spec)), ApplyMode.APPLY_ALLOW_REPARTITION);

    assertThat(allowed.outcome("drifted").status()).isEqualTo(Status.UPDATED);
    assertThat(allowed.isSuccess()).isTrue();
    TopicDetails after = inspector.describeTopic("drifted");
    assertThat(after.partitionCount()).isEqualTo(6);
    assertThat(after.configs())
        .containsEntry("retention.ms", "604800000")
        .containsEntry("compression.type", "lz4");
    assertThat(provisioner.plan(List.of(spec)).action("drifted").kind()).isEqualTo(Kind.UP_TO_DATE);
  }

  @Test
  void addingPartitionsToAKeyedTopicIsBlockedUnlessExplicitlyAllowed(KafkaCluster kafka) {
    kafka.createTopic("keyed-grow", 2, 1, TopicSpec.ratings().configs());
    TopicSpec spec = ratingsLike("keyed-grow");

    ProvisioningPlan plan = provisioner.plan(List.of(spec));
    ProvisioningResult refused = provisioner.apply(plan, ApplyMode.APPLY);

    assertThat(plan.keyedRepartitions())
        .extracting(TopicAction::topic)
        .containsExactly("keyed-grow");
    assertThat(plan.action("keyed-grow").describe())
        .isEqualTo(
            "add partitions 2 -> 6 (keyed topic: moves keys (users) to other partitions and"
                + " breaks their per-key order)");
    assertThat(refused.outcome("keyed-grow").status()).isEqualTo(Status.BLOCKED);
    assertThat(refused.outcome("keyed-grow").detail())
        .startsWith("blocked: partitions not added 2 -> 6")
        .contains("'keyed-grow' is keyed");
    assertThat(refused.toTable()).contains("BLOCKED");
    assertThat(inspector.describeTopic("keyed-grow").partitionCount()).isEqualTo(2);

    ProvisioningResult allowed = provisioner.apply(plan, ApplyMode.APPLY_ALLOW_REPARTITION);

    assertThat(allowed.outcome("keyed-grow").status()).isEqualTo(Status.UPDATED);
    assertThat(inspector.describeTopic("keyed-grow").partitionCount()).isEqualTo(6);
  }

  @Test
  void keyedRepartitionAsDocumented(KafkaCluster kafka) {
    kafka.createTopic("doc-ratings", 3, 1, TopicSpec.ratings().configs());
    TopicSpec spec = ratingsLike("doc-ratings"); // keyed, 6 partitions wanted
    List<String> warnings = new java.util.ArrayList<>();

    // tag::keyed-repartition[]
    ProvisioningPlan plan = provisioner.plan(List.of(spec));
    for (TopicAction move : plan.keyedRepartitions()) {
      warnings.add(move.topic() + ": " + move.describe()); // "... (keyed topic: moves keys ...)"
    }
    ProvisioningResult result = provisioner.apply(plan); // APPLY: partitions not added, BLOCKED
    if (result.hasBlocked()) {
      // decided knowingly, with the producers stopped and the consumers caught up:
      result = provisioner.apply(plan, ApplyMode.APPLY_ALLOW_REPARTITION);
    }
    // end::keyed-repartition[]

    assertThat(warnings)
        .containsExactly(
            "doc-ratings: add partitions 3 -> 6 (keyed topic: moves keys (users) to other"
                + " partitions and breaks their per-key order)");
    assertThat(result.outcome("doc-ratings").status()).isEqualTo(Status.UPDATED);
    assertThat(inspector.describeTopic("doc-ratings").partitionCount()).isEqualTo(6);
  }

  @Test
  void addingPartitionsToAnUnkeyedTopicNeedsNoPermission(KafkaCluster kafka) {
    kafka.createTopic("unkeyed-grow", 1, 1, TopicSpec.metrics().configs());
    TopicSpec spec = new TopicSpec("unkeyed-grow", 3, 1, TopicSpec.metrics().configs(), false);

    ProvisioningResult result = provisioner.provision(List.of(spec), ApplyMode.APPLY);

    assertThat(result.outcome("unkeyed-grow").status()).isEqualTo(Status.UPDATED);
    assertThat(result.outcome("unkeyed-grow").detail()).doesNotContain("keyed");
    assertThat(inspector.describeTopic("unkeyed-grow").partitionCount()).isEqualTo(3);
  }

  @Test
  void keyedTopicCreatedConcurrentlyWithFewerPartitionsIsBlockedNotRepartitioned(
      KafkaCluster kafka) {
    TopicSpec spec = ratingsLike("raced-keyed");
    ProvisioningPlan plan = provisioner.plan(List.of(spec));
    assertThat(plan.action("raced-keyed").kind()).isEqualTo(Kind.CREATE);

    kafka.createTopic("raced-keyed", 2, 1, TopicSpec.ratings().configs());
    ProvisioningResult result = provisioner.apply(plan);

    TopicOutcome outcome = result.outcome("raced-keyed");
    assertThat(outcome.status()).isEqualTo(Status.BLOCKED);
    assertThat(outcome.detail()).contains("created concurrently").contains("not added 2 -> 6");
    assertThat(inspector.describeTopic("raced-keyed").partitionCount()).isEqualTo(2);
  }

  @Test
  void retryTopicSpecsAreCreatedWithTheRatingsShape() {
    // tag::retry-topics[]
    List<TopicSpec> retries =
        List.of(
            TopicSpec.retryTopic("ratings", Duration.ofSeconds(1)), // ratings.retry.1s
            TopicSpec.retryTopic("ratings", Duration.ofSeconds(30))); // ratings.retry.30s
    ProvisioningResult result = provisioner.provision(retries, ApplyMode.CREATE_ONLY);
    // end::retry-topics[]

    assertThat(result.outcomes()).extracting(TopicOutcome::status).containsOnly(Status.CREATED);
    for (String name : List.of("ratings.retry.1s", "ratings.retry.30s")) {
      TopicDetails details = inspector.describeTopic(name);
      assertThat(details.partitionCount()).as(name).isEqualTo(6);
      assertThat(details.configs())
          .as(name)
          .containsEntry("retention.ms", "604800000")
          .containsEntry("compression.type", "lz4");
    }
    assertThat(provisioner.plan(retries).hasChanges()).isFalse();
  }

  @Test
  void topicWithTwelvePartitionsIsAConflictAndStaysUntouched(KafkaCluster kafka) {
    kafka.createTopic("wide", 12, 1, Map.of("retention.ms", ONE_DAY_MS));

    ProvisioningPlan plan = provisioner.plan(List.of(ratingsLike("wide")));
    ProvisioningResult result = provisioner.apply(plan);

    TopicAction action = plan.action("wide");
    assertThat(action.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(action.conflicts()).singleElement().asString().contains("6 partitions", "has 12");
    assertThat(result.outcome("wide").status()).isEqualTo(Status.CONFLICT);
    assertThat(result.hasConflicts()).isTrue();
    assertThat(result.isSuccess()).isFalse();
    TopicDetails after = inspector.describeTopic("wide");
    assertThat(after.partitionCount()).isEqualTo(12);
    assertThat(after.configs()).containsEntry("retention.ms", ONE_DAY_MS);
    assertThat(after.configs()).doesNotContainKey("compression.type");
  }

  @Test
  void dryRunChangesNothing(KafkaCluster kafka) {
    kafka.createTopic("dry-existing", 3, 1, Map.of("retention.ms", ONE_DAY_MS));
    List<TopicSpec> specs = List.of(ratingsLike("dry-new"), ratingsLike("dry-existing"));

    ProvisioningResult result = provisioner.apply(provisioner.plan(specs), ApplyMode.DRY_RUN);

    assertThat(result.outcomes()).extracting(TopicOutcome::status).containsOnly(Status.SKIPPED);
    assertThat(result.outcome("dry-new").detail()).startsWith("dry run: would create");
    assertThat(result.outcome("dry-existing").detail()).contains("add partitions 3 -> 6");
    assertThat(inspector.listTopics()).doesNotContain("dry-new");
    TopicDetails existing = inspector.describeTopic("dry-existing");
    assertThat(existing.partitionCount()).isEqualTo(3);
    assertThat(existing.configs()).containsEntry("retention.ms", ONE_DAY_MS);
  }

  @Test
  void createOnlyCreatesMissingTopicsAndReportsDriftWithoutChangingIt(KafkaCluster kafka) {
    kafka.createTopic("co-drifted", 2, 1, Map.of("retention.ms", ONE_DAY_MS));
    List<TopicSpec> specs = List.of(ratingsLike("co-new"), ratingsLike("co-drifted"));

    ProvisioningResult result = provisioner.apply(provisioner.plan(specs), ApplyMode.CREATE_ONLY);

    assertThat(result.outcome("co-new").status()).isEqualTo(Status.CREATED);
    assertThat(result.outcome("co-drifted").status()).isEqualTo(Status.SKIPPED);
    assertThat(result.outcome("co-drifted").detail())
        .contains("create-only")
        .contains("drift")
        .contains("add partitions 2 -> 6")
        .contains("retention.ms: " + ONE_DAY_MS);
    assertThat(inspector.describeTopic("co-new").partitionCount()).isEqualTo(6);
    TopicDetails drifted = inspector.describeTopic("co-drifted");
    assertThat(drifted.partitionCount()).isEqualTo(2);
    assertThat(drifted.configs()).containsEntry("retention.ms", ONE_DAY_MS);
  }

  @Test
  void topicCreatedBySomeoneElseBetweenPlanAndApplyIsReplanned(KafkaCluster kafka) {
    TopicSpec spec = ratingsLike("raced");
    ProvisioningPlan plan = provisioner.plan(List.of(spec));
    assertThat(plan.action("raced").kind()).isEqualTo(Kind.CREATE);

    kafka.createTopic("raced", 2, 1, Map.of("retention.ms", ONE_DAY_MS));
    // the spec is keyed: adding the partitions of the re-planned topic needs the explicit mode
    ProvisioningResult result = provisioner.apply(plan, ApplyMode.APPLY_ALLOW_REPARTITION);

    TopicOutcome outcome = result.outcome("raced");
    assertThat(outcome.status()).isEqualTo(Status.UPDATED);
    assertThat(outcome.action().kind()).isEqualTo(Kind.UPDATE);
    assertThat(outcome.action().partitionChange()).contains(new PartitionChange(2, 6));
    assertThat(outcome.detail()).contains("created concurrently");
    TopicDetails after = inspector.describeTopic("raced");
    assertThat(after.partitionCount()).isEqualTo(6);
    assertThat(after.configs()).containsEntry("retention.ms", "604800000");
  }

  @Test
  void invalidConfigValueFailsThatTopicWithAClearError() {
    TopicSpec bad = ratingsLike("bad-value").withConfig("compression.type", "zip");
    TopicSpec good = ratingsLike("good-next-to-bad");

    ProvisioningResult result = provisioner.apply(provisioner.plan(List.of(bad, good)));

    TopicOutcome outcome = result.outcome("bad-value");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.error())
        .get()
        .isInstanceOf(InvalidTopicSpecException.class)
        .satisfies(e -> assertThat(e.retriable()).isFalse());
    assertThat(outcome.detail()).contains("bad-value").contains("zip").contains("compression.type");
    assertThat(result.outcome("good-next-to-bad").status()).isEqualTo(Status.CREATED);
    assertThat(result.isSuccess()).isFalse();
    assertThat(inspector.listTopics()).doesNotContain("bad-value");
  }

  @Test
  void unknownConfigNameOnAnExistingTopicFailsWithAClearError(KafkaCluster kafka) {
    kafka.createTopic("unknown-config", 6, 1, TopicSpec.ratings().configs());
    TopicSpec spec = ratingsLike("unknown-config").withConfig("no.such.config", "1");

    ProvisioningPlan plan = provisioner.plan(List.of(spec));
    assertThat(plan.action("unknown-config").configChanges())
        .extracting(ConfigChange::key)
        .containsExactly("no.such.config");
    ProvisioningResult result = provisioner.apply(plan);

    TopicOutcome outcome = result.outcome("unknown-config");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.error()).get().isInstanceOf(InvalidTopicSpecException.class);
    assertThat(outcome.detail()).contains("unknown-config").contains("no.such.config");
  }

  @Test
  void replicationFactorAboveTheBrokerCountFailsWithAClearError() {
    ProvisioningResult result =
        provisioner.apply(provisioner.plan(List.of(ratingsLike("too-replicated").forProduction())));

    TopicOutcome outcome = result.outcome("too-replicated");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.error()).get().isInstanceOf(InvalidTopicSpecException.class);
    assertThat(outcome.detail()).contains("too-replicated").containsIgnoringCase("replication");
  }
}
