package io.recsys.ratings.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.admin.AdminAuthorizationException;
import io.recsys.ratings.admin.AdminSettings;
import io.recsys.ratings.admin.ApplyMode;
import io.recsys.ratings.admin.ProvisioningPlan;
import io.recsys.ratings.admin.ProvisioningResult;
import io.recsys.ratings.admin.TopicAction;
import io.recsys.ratings.admin.TopicOutcome.Status;
import io.recsys.ratings.admin.TopicProvisioner;
import io.recsys.ratings.admin.TopicSpec;
import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A SCRAM principal that may describe the topics but not alter them: provisioning reports the
 * denied partition increase and config change per topic, and still updates the topic it may alter.
 * (Denied CREATE and DESCRIBE are covered by {@code AuthorizationIntegrationTest}.)
 */
@IntegrationTest
class ProvisioningWithoutAlterIntegrationTest {
  private static final String OPERATOR_PASSWORD = "0perat0r-Pw.41c2";
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka =
        EmbeddedKafka.builder()
            .sasl("admin", "Adm1n-Pw.93ab")
            .scramUser("operator", OPERATOR_PASSWORD)
            .start();
    kafka.createTopic("sec-grow", 1, 1);
    kafka.createTopic("sec-tune", 1, 1);
    kafka.createTopic("sec-allowed", 1, 1);
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : List.of("sec-grow", "sec-tune", "sec-allowed")) {
      acls.add(allow(topic, AclOperation.DESCRIBE));
      acls.add(allow(topic, AclOperation.DESCRIBE_CONFIGS));
    }
    acls.add(allow("sec-allowed", AclOperation.ALTER));
    acls.add(allow("sec-allowed", AclOperation.ALTER_CONFIGS));
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static AclBinding allow(String topic, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
        new AccessControlEntry("User:operator", "*", operation, AclPermissionType.ALLOW));
  }

  @Test
  void missingAlterRightsAreReportedPerTopic() {
    try (TopicProvisioner provisioner =
        TopicProvisioner.create(
            AdminSettings.builder()
                .clientProperties(kafka.clientProperties("operator", OPERATOR_PASSWORD))
                .timeout(Duration.ofSeconds(20))
                .build())) {
      ProvisioningPlan plan =
          provisioner.plan(
              List.of(
                  TopicSpec.of("sec-grow", 3, 1),
                  TopicSpec.of("sec-tune", 1, 1).withConfig("retention.ms", "3600000"),
                  TopicSpec.of("sec-allowed", 2, 1).withConfig("retention.ms", "3600000")));
      assertThat(plan.actions())
          .extracting(TopicAction::kind)
          .containsOnly(TopicAction.Kind.UPDATE);

      // keyed specs: adding partitions needs the explicit mode, which reaches the ACL check
      ProvisioningResult result = provisioner.apply(plan, ApplyMode.APPLY_ALLOW_REPARTITION);

      for (String denied : List.of("sec-grow", "sec-tune")) {
        assertThat(result.outcome(denied).status()).as(denied).isEqualTo(Status.FAILED);
        assertThat(result.outcome(denied).error())
            .as(denied)
            .get()
            .isInstanceOf(AdminAuthorizationException.class);
        assertThat(result.outcome(denied).detail()).as(denied).contains(denied);
      }
      assertThat(result.outcome("sec-allowed").status()).isEqualTo(Status.UPDATED);
      assertThat(result.errors()).hasSize(2);
      assertThat(result.isSuccess()).isFalse();
      assertThat(result.toTable()).contains("sec-grow").contains("sec-tune");
    }
  }
}
