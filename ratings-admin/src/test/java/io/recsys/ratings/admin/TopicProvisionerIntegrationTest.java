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

    assertThat(drift).contains("UPDATE").contains("3 -> 6").contains("retention.ms: 86400000");

    assertThat(result.outcome("drifted").status()).isEqualTo(Status.UPDATED);
    assertThat(result.isSuccess()).isTrue();
    TopicDetails after = inspector.describeTopic("drifted");
    assertThat(after.partitionCount()).isEqualTo(6);
    assertThat(after.configs())
        .containsEntry("retention.ms", "604800000")
        .containsEntry("compression.type", "lz4");
    assertThat(provisioner.plan(List.of(spec)).action("drifted").kind()).isEqualTo(Kind.UP_TO_DATE);
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
    ProvisioningResult result = provisioner.apply(plan);

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
