package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.producer.CloseResult;
import io.recsys.ratings.client.producer.RatingDeliveryException;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.RatingProducerBuilder;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.IntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A SASL_PLAINTEXT (SCRAM-SHA-512) broker with ACLs: right credentials work, a wrong password fails
 * fast with an authentication error, a principal without WRITE gets an authorization error for the
 * topic, and no secret shows up in any log line, message or {@code toString()} of the whole run
 * (the capture starts before the broker does and ends after it stopped).
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SaslSecurityIntegrationTest {
  private static final String TOPIC = "ratings";
  private static final String ADMIN_PASSWORD = "Adm1n-Pw.c4f7e2";
  private static final String RATER_PASSWORD = "Rat3r-Pw.9b1d5a";
  private static final String READER_PASSWORD = "Read3r-Pw.0e8a63";
  private static final String WRITER_PASSWORD = "Wr1ter-Pw.5d3c08";
  private static final String WRONG_PASSWORD = "Wr0ng-Pw.77aa19";
  private static final List<String> SECRETS =
      List.of(ADMIN_PASSWORD, RATER_PASSWORD, READER_PASSWORD, WRITER_PASSWORD, WRONG_PASSWORD);

  /** Everything the SDK handed back during the run: messages, toString()s, stats. */
  private static final List<String> SURFACES = new ArrayList<>();

  private static LogCapture capture;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    capture = new LogCapture();
    kafka =
        EmbeddedKafka.builder()
            .sasl("admin", ADMIN_PASSWORD)
            .scramUser("rater", RATER_PASSWORD)
            .scramUser("reader", READER_PASSWORD)
            .scramUser("writer", WRITER_PASSWORD)
            .start();
    SURFACES.add(kafka.toString());
    kafka.createTopic(TOPIC, 2, 1);
    kafka.createTopic(TOPIC + ".dlq", 1, 1);
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin
          .createAcls(
              List.of(
                  allow(
                      "rater", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.WRITE),
                  allow("rater", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.READ),
                  allow(
                      "rater",
                      ResourceType.TOPIC,
                      TOPIC,
                      PatternType.LITERAL,
                      AclOperation.DESCRIBE),
                  allow(
                      "rater",
                      ResourceType.TOPIC,
                      TOPIC + ".dlq",
                      PatternType.LITERAL,
                      AclOperation.WRITE),
                  allow(
                      "rater",
                      ResourceType.TOPIC,
                      TOPIC + ".dlq",
                      PatternType.LITERAL,
                      AclOperation.DESCRIBE),
                  allow(
                      "rater",
                      ResourceType.GROUP,
                      "g-sasl",
                      PatternType.PREFIXED,
                      AclOperation.READ),
                  allow(
                      "reader", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.READ),
                  allow(
                      "reader",
                      ResourceType.TOPIC,
                      TOPIC,
                      PatternType.LITERAL,
                      AclOperation.DESCRIBE)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      if (capture != null) {
        capture.close();
      }
    }
  }

  private static AclBinding allow(
      String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
  }

  private static RatingProducerBuilder producer(String user, String password) {
    return RatingProducer.builder()
        .properties(kafka.clientProperties(user, password))
        .topic(TOPIC)
        .deliveryTimeout(Duration.ofSeconds(30))
        .maxBlock(Duration.ofSeconds(30))
        .closeTimeout(Duration.ofSeconds(5))
        .statsListener(s -> SURFACES.add(s.toString()))
        .statsInterval(Duration.ofMillis(200));
  }

  private static RatingConsumerBuilder consumer(String user, String password, String group) {
    return RatingConsumer.builder()
        .properties(kafka.clientProperties(user, password))
        .topic(TOPIC)
        .groupId(group)
        .deadLetterTopic(TOPIC + ".dlq")
        .pollTimeout(Duration.ofMillis(200))
        .closeTimeout(Duration.ofSeconds(5))
        .statsListener(s -> SURFACES.add(s.toString()))
        .statsInterval(Duration.ofMillis(200));
  }

  private static String describe(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return t + "\n" + w;
  }

  @Test
  @Order(1)
  void rightCredentialsProduceAndConsume() {
    List<RatingEvent> events = Fixtures.uniqueEvents(1, 100, System.currentTimeMillis());
    try (RatingProducer producer = producer("rater", RATER_PASSWORD).build()) {
      assertThat(producer.sendAll(events).acknowledged()).isEqualTo(100);
      SURFACES.add(producer.toString());
    }
    RatingConsumer consumer =
        consumer("rater", RATER_PASSWORD, "g-sasl-1")
            .maxMessages(100)
            .idleTimeout(Duration.ofSeconds(20))
            .build();
    SURFACES.add(consumer.toString());
    ConsumerResult result = consumer.run();
    SURFACES.add(result.toString());
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    assertThat(result.stats().valid()).isEqualTo(100);
  }

  @Test
  @Order(2)
  void wrongPasswordFailsFastWithAnAuthenticationError() {
    Duration deliveryTimeout = Duration.ofSeconds(30);
    long t0 = System.nanoTime();
    try (RatingProducer producer = producer("rater", WRONG_PASSWORD).build()) {
      CompletableFuture<SendResult> f =
          producer.send(new RatingEvent(1, 1, 4.0, System.currentTimeMillis()));
      assertThat(f).failsWithin(deliveryTimeout.plusSeconds(10));
      Throwable error = f.handle((r, x) -> x).join();
      SURFACES.add(describe(error));
      assertThat(error).isInstanceOf(RatingsClientException.class);
      assertThat(error).hasRootCauseInstanceOf(SaslAuthenticationException.class);
      assertThat(error.getMessage()).contains("Authentication failed");
      SURFACES.add(producer.close(Duration.ofSeconds(2)).toString());
    }
    assertThat(since(t0))
        .as("not a retry loop until the timeout")
        .isLessThan(deliveryTimeout.dividedBy(2));

    long c0 = System.nanoTime();
    RatingConsumer consumer = consumer("rater", WRONG_PASSWORD, "g-sasl-2").build();
    assertThatThrownBy(consumer::run)
        .satisfies(e -> SURFACES.add(describe(e)))
        .isInstanceOf(RatingsClientException.class)
        .hasRootCauseInstanceOf(SaslAuthenticationException.class)
        .hasMessageContaining("Authentication failed");
    assertThat(since(c0)).isLessThan(Duration.ofSeconds(15));
  }

  /** A principal that may write other topics, not {@code ratings}: Kafka names the topic. */
  @Test
  @Order(3)
  void principalWithoutWriteOnRatingsGetsAnAuthorizationErrorForTheTopic() {
    assertAuthorizationErrorNamingTheTopic("writer", WRITER_PASSWORD, "[" + TOPIC + "]");
  }

  /**
   * A principal that may write no topic at all: the SDK's idempotent producer is refused already at
   * its cluster-level handshake (Kafka reports only "Cluster authorization failed"); the caller
   * must still learn which topic it could not write to.
   */
  @Test
  @Order(3)
  void principalWithoutAnyWriteGetsAnAuthorizationErrorNamingTheTopic() {
    assertAuthorizationErrorNamingTheTopic("reader", READER_PASSWORD, "'" + TOPIC + "'");
  }

  private static void assertAuthorizationErrorNamingTheTopic(
      String user, String password, String topicInMessage) {
    try (RatingProducer producer = producer(user, password).build()) {
      CompletableFuture<SendResult> f =
          producer.send(new RatingEvent(1, 1, 4.0, System.currentTimeMillis()));
      assertThat(f).failsWithin(Duration.ofSeconds(40));
      Throwable error = f.handle((r, x) -> x).join();
      SURFACES.add(describe(error));
      assertThat(error)
          .isInstanceOf(RatingDeliveryException.class)
          .hasRootCauseInstanceOf(AuthorizationException.class)
          .hasMessageContaining(topicInMessage);
      assertThat(((RatingDeliveryException) error).isRetriable()).isFalse();
      CloseResult closed = producer.close(Duration.ofSeconds(2));
      assertThat(closed.failed()).isEqualTo(1);
    }
  }

  @Test
  @Order(4)
  void noSecretInLogsMessagesStatsOrToString() {
    // one more full run inside the capture, with dead letters and a failing handler
    try (RatingProducer producer = producer("rater", RATER_PASSWORD).build()) {
      producer.sendAll(Fixtures.uniqueEvents(2, 50, System.currentTimeMillis()));
      SURFACES.add(producer.stats().toString());
    }
    kafka.produce(TOPIC, null, "not a rating".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    RatingConsumerBuilder builder =
        consumer("rater", RATER_PASSWORD, "g-sasl-4")
            .maxMessages(151)
            .idleTimeout(Duration.ofSeconds(20))
            .handler(
                (e, ctx) -> {
                  if (ctx.offset() % 17 == 0) {
                    throw new IllegalStateException("handler failure at " + ctx);
                  }
                });
    SURFACES.add(builder.describe());
    SURFACES.add(builder.toString());
    ConsumerResult result = builder.build().run();
    assertThat(result.stats().malformed()).isEqualTo(1);
    assertThat(result.stats().deadLettered()).isPositive();
    SURFACES.add(result.toString());
    RatingProducerBuilder producerBuilder = producer("rater", RATER_PASSWORD);
    SURFACES.add(producerBuilder.toString());
    SURFACES.add(producerBuilder.config().toString());
    SURFACES.add(kafka.toString());

    String log = capture.text();
    assertThat(log).as("captured log of the run").isNotBlank();
    assertThat(SURFACES).hasSizeGreaterThan(8);
    for (String secret : SECRETS) {
      assertThat(log).as("log output").doesNotContain(secret);
      for (String s : SURFACES) {
        assertThat(s).as("message, stats or toString()").doesNotContain(secret);
      }
    }
    // the JAAS line itself (login module and options) never printed either
    assertThat(log).doesNotContain("ScramLoginModule").doesNotContain("password=");
    assertThat(SURFACES).noneMatch(s -> s.contains("ScramLoginModule") || s.contains("password="));
  }
}
