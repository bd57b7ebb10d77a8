package io.recsys.ratings.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.producer.RatingDeliveryException;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.RatingProducerBuilder;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.IntegrationTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The clients on a SASL/SCRAM broker: right credentials work, a wrong password fails fast. */
@IntegrationTest
class SaslClientIntegrationTest {
  private static final String PASSWORD = "admin-Secret-7";
  private static final String WRONG = "wrong-Secret-9";
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().sasl("admin", PASSWORD).start();
    kafka.createTopic("sasl-ratings", 1, 1);
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void rightCredentialsProduceAndConsume() {
    try (RatingProducer producer =
        RatingProducer.builder()
            .properties(kafka.clientProperties())
            .bootstrapServers(kafka.bootstrapServers())
            .topic("sasl-ratings")
            .build()) {
      producer.sendAndWait(
          new RatingEvent(1, 1, 4.0, System.currentTimeMillis()), Duration.ofSeconds(30));
    }
    ConsumerResult result =
        RatingConsumer.builder()
            .properties(kafka.clientProperties())
            .bootstrapServers(kafka.bootstrapServers())
            .topic("sasl-ratings")
            .groupId("sasl-group")
            .maxMessages(1)
            .idleTimeout(Duration.ofSeconds(20))
            .build()
            .run();
    assertThat(result.stats().valid()).isEqualTo(1);
  }

  @Test
  void wrongPasswordFailsFastWithoutShowingThePassword() {
    long start = System.nanoTime();
    RatingProducerBuilder builder =
        RatingProducer.builder()
            .properties(kafka.clientProperties("admin", WRONG))
            .bootstrapServers(kafka.bootstrapServers())
            .topic("sasl-ratings");
    assertThat(builder.config().toString()).doesNotContain(WRONG);
    RatingProducer producer = builder.build();
    CompletableFuture<SendResult> f =
        producer.send(new RatingEvent(1, 1, 4.0, System.currentTimeMillis()));
    assertThat(f)
        .failsWithin(Duration.ofSeconds(20))
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(RatingDeliveryException.class)
        .satisfies(
            e -> {
              assertThat(((RatingsClientException) e).isRetriable()).isFalse();
              assertThat(e.getMessage())
                  .containsIgnoringCase("authentication")
                  .doesNotContain(WRONG);
            });
    producer.close(Duration.ofSeconds(5));

    RatingConsumer consumer =
        RatingConsumer.builder()
            .properties(kafka.clientProperties("admin", WRONG))
            .bootstrapServers(kafka.bootstrapServers())
            .topic("sasl-ratings")
            .groupId("sasl-wrong")
            .idleTimeout(Duration.ofSeconds(60))
            .build();
    assertThatThrownBy(consumer::run)
        .isInstanceOf(RatingsClientException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .containsIgnoringCase("authentication")
                    .doesNotContain(WRONG));
    // fails fast: far below the 60 s idle timeout and the 30 s max.block
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
  }
}
