package io.recsys.ratings.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.admin.TopicAction.Kind;
import io.recsys.ratings.admin.TopicOutcome.Status;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.util.List;
import org.junit.jupiter.api.Test;

@IntegrationTest
@WithKafka(brokers = 3)
class ReplicatedTopicsIntegrationTest {

  @Test
  void productionSpecsGetReplicationFactorThreeAndMinInsyncTwo(KafkaCluster kafka) {
    List<TopicSpec> specs = TopicSpec.pipeline().stream().map(TopicSpec::forProduction).toList();
    AdminSettings settings =
        AdminSettings.builder().clientProperties(kafka.clientProperties()).build();

    try (TopicProvisioner provisioner = TopicProvisioner.create(settings);
        ClusterInspector inspector = ClusterInspector.create(settings)) {
      ProvisioningResult result = provisioner.apply(provisioner.plan(specs));

      assertThat(result.outcomes()).extracting(TopicOutcome::status).containsOnly(Status.CREATED);
      for (TopicSpec spec : specs) {
        TopicDetails details = inspector.describeTopic(spec.name());
        assertThat(details.replicationFactor()).isEqualTo(3);
        assertThat(details.configs()).containsEntry("min.insync.replicas", "2");
        assertThat(details.partitions())
            .allSatisfy(
                p -> {
                  assertThat(p.replicas()).hasSize(3).doesNotHaveDuplicates();
                  assertThat(p.leader()).isIn(p.replicas());
                });
      }
      assertThat(provisioner.plan(specs).actions())
          .extracting(TopicAction::kind)
          .containsOnly(Kind.UP_TO_DATE);
      ProvisioningPlan replanAtRfOne = provisioner.plan(TopicSpec.pipeline());
      assertThat(replanAtRfOne.actions()).extracting(TopicAction::kind).containsOnly(Kind.CONFLICT);
      assertThat(replanAtRfOne.action("ratings").conflicts())
          .singleElement()
          .asString()
          .contains("replication factor 1", "has 3");
    }
  }
}
