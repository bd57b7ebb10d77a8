package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.admin.ApplyMode;
import io.recsys.ratings.admin.ProvisioningResult;
import io.recsys.ratings.admin.TopicProvisioner;
import io.recsys.ratings.admin.TopicSpec;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.producer.BatchResult;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The first steps shown in README.md (provision, produce, consume), compiled and run against a
 * broker. Each region between {@code // tag::NAME[]} and {@code // end::NAME[]} is what the docs
 * show after a {@code <!-- snippet: ...#NAME -->} line; {@code DocSnippetsTest} (in ratings-schema)
 * fails when the two differ.
 */
@IntegrationTest
@WithKafka
class ReadmeSnippetsIntegrationTest {

  @Test
  void provisionProduceAndConsumeAsTheReadmeShows(KafkaCluster kafka) {
    String bootstrapServers = kafka.bootstrapServers();

    // tag::provision[]
    try (TopicProvisioner provisioner = TopicProvisioner.create(bootstrapServers)) {
      ProvisioningResult result = provisioner.provision(TopicSpec.pipeline(), ApplyMode.APPLY);
      if (!result.isSuccess()) {
        throw new IllegalStateException("topics not provisioned:\n" + result.toTable());
      }
    }
    // end::provision[]

    PrintStream standardError = System.err;
    ByteArrayOutputStream printed = copyErr();
    // tag::producer[]
    try (RatingProducer producer =
        RatingProducer.builder().bootstrapServers(bootstrapServers).topic("ratings").build()) {
      // one event, waiting for the broker's acknowledgement
      SendResult stored =
          producer.sendAndWait(
              new RatingEvent(1, 296, 4.5, System.currentTimeMillis()), Duration.ofSeconds(10));
      // many events: asynchronous sends, then one wait for every outcome
      BatchResult batch =
          producer.sendAll(
              List.of(
                  new RatingEvent(2, 318, 5.0, System.currentTimeMillis()),
                  new RatingEvent(3, 50, 9.0, System.currentTimeMillis()))); // invalid: rejected
      System.err.printf(
          "stored at %s-%d@%d; batch: %d acknowledged, %d rejected, %d failed%n",
          stored.topic(),
          stored.partition(),
          stored.offset(),
          batch.acknowledged(),
          batch.rejected(),
          batch.failed());
    }
    // end::producer[]
    System.setErr(standardError);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("stored at ratings-\\d@\\d+; batch: 1 acknowledged, 1 rejected, 0 failed");

    Map<Integer, Double> latestRatingByUser = new ConcurrentHashMap<>();
    printed = copyErr();
    // tag::consumer[]
    try (RatingConsumer consumer =
        RatingConsumer.builder()
            .bootstrapServers(bootstrapServers)
            .groupId("recommender")
            .topic("ratings")
            .handler((event, context) -> latestRatingByUser.put(event.userId(), event.rating()))
            .deadLetterTopic() // invalid and malformed records go to ratings.dlq, with headers
            .idleTimeout(Duration.ofSeconds(5)) // stop when nothing arrived for 5 s
            .build()) {
      // Ctrl+C: stop gracefully, committing what was handled
      Thread shutdownHook = new Thread(consumer::wakeup);
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      ConsumerResult result = consumer.run(); // polls on this thread until a stop condition
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      System.err.printf(
          "%s: %d valid, %d invalid, %d malformed; lag %d%n",
          result.stopReason(),
          result.stats().valid(),
          result.stats().invalid(),
          result.stats().malformed(),
          result.stats().totalLag());
    }
    // end::consumer[]
    System.setErr(standardError);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("IDLE_TIMEOUT: 2 valid, 0 invalid, 0 malformed; lag \\d+");
    assertThat(latestRatingByUser).containsEntry(1, 4.5).containsEntry(2, 5.0).hasSize(2);
    assertThat(kafka.lag("recommender", "ratings")).isZero();
  }

  /**
   * From now on also copies what is printed to {@code System.err} into the returned buffer (the
   * stream still shows it); put the original stream back with {@code System.setErr}.
   */
  private static ByteArrayOutputStream copyErr() {
    PrintStream original = System.err;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            copy.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            copy.write(b, off, len);
          }
        };
    System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    return copy;
  }
}
