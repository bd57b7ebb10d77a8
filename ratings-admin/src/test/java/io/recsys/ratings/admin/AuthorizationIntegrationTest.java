package io.recsys.ratings.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.admin.TopicOutcome.Status;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broker with ACLs on: everything is allowed where no ACL exists, and DENY ACLs for the
 * (plaintext, hence anonymous) test principal make single topics forbidden.
 */
@IntegrationTest
@WithKafka(
    brokerConfig = {
      "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
      "allow.everyone.if.no.acl.found=true"
    })
class AuthorizationIntegrationTest {

  private static final String ANONYMOUS = "User:ANONYMOUS";

  private static AclBinding acl(
      ResourceType type, String name, AclOperation operation, AclPermissionType permission) {
    return new AclBinding(
        new ResourcePattern(type, name, PatternType.LITERAL),
        new AccessControlEntry(ANONYMOUS, "*", operation, permission));
  }

  /**
   * Denies one operation on a resource and allows the rest: once a resource has any ACL, "allow
   * everyone if no ACL is found" no longer applies to it.
   */
  private static List<AclBinding> denyOnly(ResourceType type, String name, AclOperation operation) {
    return List.of(
        acl(type, name, AclOperation.ALL, AclPermissionType.ALLOW),
        acl(type, name, operation, AclPermissionType.DENY));
  }

  @BeforeAll
  static void denySomeTopics(KafkaCluster kafka) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      List<AclBinding> acls = new ArrayList<>();
      // Without this, cluster-level CREATE (allowed: no ACL) would cover every topic.
      acls.addAll(denyOnly(ResourceType.CLUSTER, "kafka-cluster", AclOperation.CREATE));
      acls.addAll(denyOnly(ResourceType.TOPIC, "forbidden", AclOperation.CREATE));
      acls.addAll(denyOnly(ResourceType.TOPIC, "hidden", AclOperation.DESCRIBE));
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static TopicProvisioner provisioner(KafkaCluster kafka) {
    return TopicProvisioner.create(
        AdminSettings.builder()
            .clientProperties(kafka.clientProperties())
            .timeout(Duration.ofSeconds(20))
            .build());
  }

  @Test
  void deniedCreateFailsThatTopicOnlyWithAnAuthorizationError(KafkaCluster kafka) {
    try (TopicProvisioner provisioner = provisioner(kafka)) {
      List<TopicSpec> specs =
          List.of(TopicSpec.of("forbidden", 2, 1), TopicSpec.of("allowed", 2, 1));

      ProvisioningResult result = provisioner.apply(provisioner.plan(specs));

      TopicOutcome forbidden = result.outcome("forbidden");
      assertThat(forbidden.status()).isEqualTo(Status.FAILED);
      assertThat(forbidden.error()).get().isInstanceOf(AdminAuthorizationException.class);
      assertThat(forbidden.detail())
          .contains("not authorized")
          .contains("createTopics [forbidden]");
      assertThat(result.outcome("allowed").status()).isEqualTo(Status.CREATED);
      assertThat(result.isSuccess()).isFalse();
      assertThat(result.errors()).hasSize(1);
    }
  }

  @Test
  void deniedDescribeFailsThePlanNamingTheTopic(KafkaCluster kafka) {
    try (TopicProvisioner provisioner = provisioner(kafka)) {
      assertThatThrownBy(() -> provisioner.plan(List.of(TopicSpec.of("hidden", 1, 1))))
          .isInstanceOf(AdminAuthorizationException.class)
          .hasMessageContaining("hidden")
          .hasMessageContaining("describeTopics [hidden]");
    }
  }
}
