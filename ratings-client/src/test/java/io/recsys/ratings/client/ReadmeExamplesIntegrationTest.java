package io.recsys.ratings.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.CommitMode;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.StartPosition;
import io.recsys.ratings.client.metrics.MetricsPublisher;
import io.recsys.ratings.client.producer.CloseResult;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The client code shown in docs/producer.md and docs/consumer.md, compiled and run against a
 * broker. Each region between {@code // tag::NAME[]} and {@code // end::NAME[]} is what the docs
 * show after a {@code <!-- snippet: ...#NAME -->} line; {@code DocSnippetsTest} (in ratings-schema)
 * fails when the two differ.
 */
@IntegrationTest
@WithKafka
class ReadmeExamplesIntegrationTest {

  @Test
  void producerAndConsumerSnippetsWork(KafkaCluster kafka) {
    kafka.createTopic("ratings", 3, 1);
    kafka.createTopic("ratings.dlq", 1, 1);
    String bootstrap = kafka.bootstrapServers();

    PrintStream standardOutput = System.out;
    ByteArrayOutputStream printed = copyOut();
    // tag::producer[]
    try (RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers(bootstrap) // e.g. "localhost:9092"
            .statsListener(
                stats ->
                    System.out.printf(
                        "acked %d, p99 %.1f ms%n",
                        stats.acknowledged(), stats.sendToAckLatency().p99Ms()))
            .build()) {
      // asynchronous: an invalid event fails the future with RatingRejectedException, never sent
      CompletableFuture<SendResult> future =
          producer.send(new RatingEvent(44176, 21373, 3.5, System.currentTimeMillis()));
      future.whenComplete(
          (result, error) -> {
            /* partition, offset or the error */
          });

      // blocking
      SendResult result =
          producer.sendAndWait(
              new RatingEvent(1, 296, 5.0, System.currentTimeMillis()), Duration.ofSeconds(10));

      // bulk, without a future per event: outcomes are counted in stats() and go to the
      // SendListener if one is set; false = rejected as invalid or not handed to Kafka
      for (int movie = 1; movie <= 1_000; movie++) {
        producer.submit(new RatingEvent(44176, movie, 4.0, System.currentTimeMillis()));
      }
      producer.flush(); // waits until every outcome is in

      CloseResult closed = producer.close(Duration.ofSeconds(30));
      System.out.printf(
          "acknowledged %d, undelivered %d%n", closed.acknowledged(), closed.undelivered());
    }
    // end::producer[]
    System.setOut(standardOutput);
    // the events of send and sendAndWait reach "ratings" too: the consumer below reads them
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("acknowledged 1002, undelivered 0");

    AtomicLong sum = new AtomicLong();
    // tag::consumer[]
    RatingConsumer consumer =
        RatingConsumer.builder()
            .bootstrapServers(bootstrap)
            .groupId("recommender")
            .startPosition(StartPosition.EARLIEST) // when the group has no offset yet
            .deadLetterTopic() // invalid, malformed and failed records go to "ratings.dlq"
            .idleTimeout(Duration.ofSeconds(5)) // or maxMessages(n), or run until close()
            .handler((event, ctx) -> sum.addAndGet(event.movieId()))
            .build();
    Thread hook = new Thread(consumer::close); // Ctrl+C: stop, commit, close
    Runtime.getRuntime().addShutdownHook(hook);
    ConsumerResult summary = consumer.run();
    ConsumerStats stats = summary.stats();
    System.out.printf(
        "%s: %d valid, %d invalid, %d malformed, %d handler errors, lag %d%n",
        summary.stopReason(),
        stats.valid(),
        stats.invalid(),
        stats.malformed(),
        stats.processingErrors(),
        stats.totalLag());
    // end::consumer[]
    Runtime.getRuntime().removeShutdownHook(hook);
    consumer.close(); // a no-op after run() ended
    assertThat(stats.valid()).isEqualTo(2 + 1_000); // send, sendAndWait, the submit loop
    assertThat(sum.get()).isEqualTo(21373 + 296 + 1_000 * 1_001 / 2);

    AtomicLong handled = new AtomicLong();
    // tag::strictCommit[]
    // the strictest setting: a crash re-reads at most the poll batch being processed
    RatingConsumer strict =
        RatingConsumer.builder()
            .bootstrapServers(bootstrap)
            .groupId("ratings-strict")
            .commitMode(CommitMode.SYNCHRONOUS)
            .commitInterval(Duration.ZERO)
            .idleTimeout(Duration.ofSeconds(5))
            .handler((event, ctx) -> handled.incrementAndGet())
            .build();
    // end::strictCommit[]
    ConsumerResult strictRun = strict.run();
    assertThat(strictRun.stats().valid()).isEqualTo(2 + 1_000);
    assertThat(handled.get()).isEqualTo(2 + 1_000);
    assertThat(kafka.lag("ratings-strict", "ratings")).isZero();
  }

  @Test
  void metricsPublisherSnippetPublishesTheProducersWindows(KafkaCluster kafka) {
    kafka.createTopic("metrics", 1, 1);
    kafka.createTopic("metrics-example", 1, 1);
    String bootstrap = kafka.bootstrapServers();
    try (RatingProducer producer =
        RatingProducer.builder().bootstrapServers(bootstrap).topic("metrics-example").build()) {
      // tag::metrics[]
      try (MetricsPublisher metrics =
          MetricsPublisher.builder()
              .bootstrapServers(bootstrap) // topic "metrics" unless .topic(...)
              .source("rating-producer") // record key and "source" field
              .stats(producer::stats) // or consumer::stats
              .interval(Duration.ofSeconds(10))
              .start()) {
        producer.sendAndWait(
            new RatingEvent(1, 296, 5.0, System.currentTimeMillis()), Duration.ofSeconds(10));
      } // close publishes the last window
      // end::metrics[]
    }
    List<ConsumerRecord<byte[], byte[]>> published =
        kafka.awaitRecords("metrics", 1, Duration.ofSeconds(30));
    List<MetricsEvent> windows =
        published.stream().map(r -> MetricsCodec.decode(r.value()).orElseThrow()).toList();
    assertThat(windows).extracting(MetricsEvent::source).containsOnly("rating-producer");
    assertThat(windows.stream().mapToLong(MetricsEvent::count).sum()).isEqualTo(1);
  }

  /**
   * From now on also copies what is printed to {@code System.out} into the returned buffer (the
   * stream still shows it); put the original stream back with {@code System.setOut}.
   */
  private static ByteArrayOutputStream copyOut() {
    PrintStream original = System.out;
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
    System.setOut(new PrintStream(both, true, StandardCharsets.UTF_8));
    return copy;
  }
}
