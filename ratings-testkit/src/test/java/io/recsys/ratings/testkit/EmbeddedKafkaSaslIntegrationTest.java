package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IntegrationTest
class EmbeddedKafkaSaslIntegrationTest {
  private static final String ADMIN_PASSWORD = "admin-Secret-1";
  private static final String ALICE_PASSWORD = "alice-Secret-2";
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka =
        EmbeddedKafka.builder()
            .sasl("admin", ADMIN_PASSWORD)
            .scramUser("alice", ALICE_PASSWORD)
            .start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void superUserProducesAndConsumesThroughTheHelpers() {
    assertThat(kafka.saslEnabled()).isTrue();
    assertThat(kafka.clientProperties())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    kafka.createTopic("secured", 1, 1);
    kafka.produce("secured", null, "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(kafka.awaitRecords("secured", 1, Duration.ofSeconds(20))).hasSize(1);
  }

  @Test
  void userWithoutAclIsDeniedUntilWriteIsGranted() throws Exception {
    kafka.createTopic("acl-guarded", 1, 1);

    assertThatThrownBy(() -> send(kafka.clientProperties("alice", ALICE_PASSWORD), "acl-guarded"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);

    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin
          .createAcls(
              List.of(
                  new AclBinding(
                      new ResourcePattern(ResourceType.TOPIC, "acl-guarded", PatternType.LITERAL),
                      new AccessControlEntry(
                          "User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
          .all()
          .get();
    }
    send(kafka.clientProperties("alice", ALICE_PASSWORD), "acl-guarded");
    assertThat(kafka.awaitRecords("acl-guarded", 1, Duration.ofSeconds(20))).hasSize(1);
  }

  @Test
  void wrongPasswordFailsFastWithAnAuthenticationError() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> send(kafka.clientProperties("alice", "wrong-password"), "secured"))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void passwordsStayOutOfToStringAndErrors() {
    assertThat(kafka.toString()).doesNotContain(ADMIN_PASSWORD).contains("SCRAM-SHA-512");
    assertThatThrownBy(() -> kafka.clientProperties("alice", "bad\"password"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("bad\"password");
  }

  private static void send(Map<String, Object> props, String topic)
      throws ExecutionException, InterruptedException {
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, new byte[] {1})).get();
    }
  }
}
