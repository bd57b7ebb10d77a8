package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The snippets of docs/error-handling.md, compiled and run against a broker (the regions between
 * the {@code tag::} and {@code end::} markers are what the page shows).
 */
@IntegrationTest
@WithKafka
class ErrorHandlingExamplesIntegrationTest {

  /** Stands for the user's own database, failing the first time it is called. */
  private static final class Database {
    private final AtomicInteger calls = new AtomicInteger();

    void save(RatingEvent event) {
      if (calls.incrementAndGet() == 1) {
        throw new UncheckedIOException(new IOException("db down"));
      }
    }
  }

  /** The user's own exception for input that can never be handled. */
  private static final class UnknownMovieException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownMovieException(String message) {
      super(message);
    }
  }

  @Test
  void failurePolicyRetryTopicsAndStopReasons(KafkaCluster kafka) {
    kafka.createTopic("ratings", 3, 1);
    kafka.createTopic("ratings.dlq", 1, 1);
    kafka.createTopic("ratings.retry.1s", 1, 1);
    kafka.createTopic("ratings.retry.30s", 1, 1);
    String bootstrap = kafka.bootstrapServers();
    try (RatingProducer producer = RatingProducer.builder().bootstrapServers(bootstrap).build()) {
      producer.sendAndWait(
          new RatingEvent(1, 296, 5.0, 1_700_000_000_000L), Duration.ofSeconds(30));
    }
    Database database = new Database();

    // tag::failure-policy[]
    FailurePolicy policy =
        FailurePolicy.builder()
            .maxAttempts(5) // the first call and four retries, in place
            .backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10)) // 0.2 s, 0.4 s, ...
            .jitter(0.1)
            .notRetryable(
                FailurePolicy.validationFailures().or(e -> e instanceof UnknownMovieException))
            .recoverer(FailurePolicy.Recoverer.DEAD_LETTER) // the default with a dead-letter topic
            .build();
    RatingConsumer consumer =
        RatingConsumer.builder()
            .bootstrapServers(bootstrap)
            .groupId("recommender")
            .deadLetterTopic() // "ratings.dlq"
            .failurePolicy(policy)
            .idleTimeout(Duration.ofSeconds(5))
            .handler((event, ctx) -> database.save(event))
            .build();
    // end::failure-policy[]

    // tag::stop-reasons[]
    ConsumerResult result = consumer.run();
    switch (result.stopReason()) {
      case MAX_MESSAGES, IDLE_TIMEOUT, STOPPED -> System.out.println("done: " + result.stats());
      case HANDLER_FAILED ->
          // not committed: a restarted consumer of the group reads this record again
          System.err.println("stopped on " + result.failedRecord().orElseThrow());
      case TOPIC_NOT_FOUND, CLUSTER_UNREACHABLE -> System.err.println(result.detail());
    }
    FailureStats failures = result.stats().failures();
    System.out.printf(
        "%d retries, %d recovered, %d dead-lettered%n",
        failures.retries(), failures.recoveredAfterRetry(), result.stats().deadLettered());
    // end::stop-reasons[]
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(failures.retries()).isEqualTo(1);
    assertThat(failures.recoveredAfterRetry()).isEqualTo(1);

    // tag::retry-topics[]
    FailurePolicy nonBlocking =
        FailurePolicy.builder()
            .noRetries() // no retry in place: straight to the first retry topic
            .retryTopics(Duration.ofSeconds(1), Duration.ofSeconds(30))
            .build(); // ratings.retry.1s, then ratings.retry.30s, then ratings.dlq
    RatingConsumer withRetryTopics =
        RatingConsumer.builder()
            .bootstrapServers(bootstrap)
            .groupId("recommender-rt")
            .deadLetterTopic()
            .failurePolicy(nonBlocking)
            .idleTimeout(Duration.ofSeconds(5))
            .handler((event, ctx) -> database.save(event))
            .build();
    // end::retry-topics[]
    ConsumerResult second = withRetryTopics.run();
    assertThat(second.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(second.stats().valid()).isEqualTo(1);
  }
}
