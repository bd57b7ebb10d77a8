package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.producer;
import static io.recsys.ratings.client.reliability.Fixtures.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.ConsumerResult;
import io.recsys.ratings.client.RatingDeliveryException;
import io.recsys.ratings.client.RatingProducer;
import io.recsys.ratings.client.SendResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** A topic that does not exist on a cluster with automatic topic creation off. */
@IntegrationTest
@WithKafka(brokerConfig = "auto.create.topics.enable=false")
class MissingTopicTest {

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
   * Documented behaviour: a consumer does not fail on a missing topic (it may be created later); it
   * receives nothing, stops at its idle timeout, and Kafka's client logs a warning that names the
   * topic and {@code UNKNOWN_TOPIC_OR_PARTITION}.
   */
  @Test
  void consumerOfAMissingTopicStopsAtItsIdleTimeoutAndTheLogNamesTheTopic(KafkaCluster kafka) {
    ConsumerResult result;
    String log;
    try (LogCapture capture = new LogCapture()) {
      result =
          consumer(kafka, "rel-missing-too", "g-missing")
              .idleTimeout(Duration.ofSeconds(3))
              .build()
              .run();
      log = capture.text();
    }
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(result.stats().received()).isZero();
    assertThat(log).contains("rel-missing-too").contains("UNKNOWN_TOPIC_OR_PARTITION");
  }
}
