package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.producer;
import static io.recsys.ratings.client.reliability.Fixtures.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.FailurePolicy;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.producer.RatingDeliveryException;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Topics that do not exist on a cluster with automatic topic creation off. */
@IntegrationTest
@WithKafka(brokerConfig = "auto.create.topics.enable=false")
class MissingTopicIntegrationTest {

  @Test
  void sendToAMissingTopicFailsWithinMaxBlockNamingTheTopic(KafkaCluster kafka) {
    Duration maxBlock = Duration.ofSeconds(2);
    try (RatingProducer producer =
        producer(kafka, "rel-missing")
            .maxBlock(maxBlock)
            .deliveryTimeout(Duration.ofSeconds(5))
            .closeTimeout(Duration.ofSeconds(2))
            .build()) {
      long t0 = System.nanoTime();
      CompletableFuture<SendResult> f =
          producer.send(new RatingEvent(1, 1, 4.0, System.currentTimeMillis()));
      assertThat(f)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(RatingDeliveryException.class)
          .withCauseInstanceOf(TimeoutException.class)
          .withMessageContaining("rel-missing")
          .withMessageContaining("not present in metadata");
      assertThat(since(t0)).isLessThan(maxBlock.plusSeconds(3));
      assertThat(producer.stats().failed()).isEqualTo(1);
    }
  }

  /**
   * A consumer of a topic that does not exist (and that the broker does not create) does not end
   * like a consumer of an empty topic: it stops with {@code TOPIC_NOT_FOUND} and a message naming
   * the topic and the command that creates it, within its startup timeout.
   */
  @Test
  void consumerOfAMissingTopicStopsWithTopicNotFoundNamingTheTopic(KafkaCluster kafka) {
    long t0 = System.nanoTime();
    ConsumerResult result =
        consumer(kafka, "rel-missing-too", "g-missing")
            .startupTimeout(Duration.ofSeconds(3))
            .idleTimeout(Duration.ofSeconds(30))
            .build()
            .run();
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.TOPIC_NOT_FOUND);
    assertThat(result.isOk()).isFalse();
    assertThat(result.detail()).contains("rel-missing-too").contains("ratings create-topics");
    assertThat(result.stats().received()).isZero();
    assertThat(since(t0)).as("bound of the detection").isLessThan(Duration.ofSeconds(3 + 10));
  }

  /** With an idle timeout shorter than the startup timeout the answer is the same. */
  @Test
  void missingTopicIsReportedAlsoWhenTheIdleTimeoutComesFirst(KafkaCluster kafka) {
    ConsumerResult result =
        consumer(kafka, "rel-missing-idle", "g-missing-idle")
            .idleTimeout(Duration.ofSeconds(2))
            .build()
            .run();
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.TOPIC_NOT_FOUND);
    assertThat(result.detail()).contains("rel-missing-idle");
  }

  /** A topic created while the consumer waits for it is consumed. */
  @Test
  void topicCreatedWithinTheStartupTimeoutIsConsumed(KafkaCluster kafka) throws Exception {
    RatingConsumer consumer =
        consumer(kafka, "rel-late", "g-late")
            .startupTimeout(Duration.ofSeconds(60))
            .maxMessages(1)
            .idleTimeout(Duration.ofSeconds(60))
            .build();
    CompletableFuture<ConsumerResult> run = CompletableFuture.supplyAsync(consumer::run);
    Fixtures.sleep(1_500);
    kafka.createTopic("rel-late", 1, 1);
    kafka.produce("rel-late", null, Fixtures.CODEC.encode(new RatingEvent(1, 1, 4.0, 1L)));
    ConsumerResult result = run.get(60, TimeUnit.SECONDS);
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    assertThat(result.stats().valid()).isEqualTo(1);
  }

  /**
   * A missing dead-letter topic fails {@code run()} at once (not one {@code max.block.ms} per bad
   * record inside the loop), naming the topic and the command that creates it; nothing is
   * committed.
   */
  @Test
  void missingDeadLetterTopicFailsRunWithinSecondsNamingTheTopic(KafkaCluster kafka) {
    kafka.createTopic("rel-has-no-dlq", 1, 1);
    kafka.produce("rel-has-no-dlq", null, "not a rating".getBytes(StandardCharsets.UTF_8));
    long t0 = System.nanoTime();
    RatingConsumer consumer =
        consumer(kafka, "rel-has-no-dlq", "g-no-dlq")
            .deadLetterTopic("rel-has-no-dlq.dlq")
            .idleTimeout(Duration.ofSeconds(30))
            .build();
    assertThatThrownBy(consumer::run)
        .isInstanceOf(RatingsClientException.class)
        .hasMessageContaining("Dead-letter topic 'rel-has-no-dlq.dlq' does not exist")
        .hasMessageContaining("ratings create-topics");
    assertThat(since(t0)).as("upper bound of the failure").isLessThan(Duration.ofSeconds(5));
    assertThat(kafka.committedOffsets("g-no-dlq", "rel-has-no-dlq").values())
        .allMatch(o -> o == null || o == 0L);
  }

  /** Retry topics are checked like the dead-letter topic. */
  @Test
  void missingRetryTopicFailsRunNamingIt(KafkaCluster kafka) {
    kafka.createTopic("rel-retry-src", 1, 1);
    kafka.createTopic("rel-retry-src.dlq", 1, 1);
    RatingConsumer consumer =
        consumer(kafka, "rel-retry-src", "g-no-retry")
            .deadLetterTopic("rel-retry-src.dlq")
            .failurePolicy(FailurePolicy.builder().retryTopics(Duration.ofSeconds(1)).build())
            .idleTimeout(Duration.ofSeconds(30))
            .build();
    assertThatThrownBy(consumer::run)
        .isInstanceOf(RatingsClientException.class)
        .hasMessageContaining("Retry topic 'rel-retry-src.retry.1s' does not exist");
  }
}
