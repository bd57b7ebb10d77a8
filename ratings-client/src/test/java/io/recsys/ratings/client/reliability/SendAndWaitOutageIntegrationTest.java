package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.producer;
import static io.recsys.ratings.client.reliability.Fixtures.since;
import static io.recsys.ratings.client.reliability.Fixtures.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker stops while a producer's buffer fills up: Kafka's {@code send} now blocks up to {@code
 * max.block} (for buffer space, or for metadata Kafka dropped), and {@code sendAndWait} must still
 * return within its own timeout.
 */
@IntegrationTest
@WithKafka
class SendAndWaitOutageIntegrationTest {

  @AfterEach
  void brokerBackUp(EmbeddedKafka kafka) {
    if (!kafka.isRunning(0)) {
      kafka.startBroker(0);
    }
  }

  @Test
  void sendAndWaitReturnsWithinItsTimeoutWhileSendWouldBlockForMaxBlock(EmbeddedKafka kafka) {
    kafka.createTopic("saw-outage", 1, 1);
    AtomicBoolean stop = new AtomicBoolean();
    try (RatingProducer producer =
        producer(kafka, "saw-outage")
            .property("buffer.memory", 64 * 1024)
            .property("batch.size", 16 * 1024)
            .maxBlock(Duration.ofSeconds(60))
            .deliveryTimeout(Duration.ofSeconds(120))
            .closeTimeout(Duration.ZERO)
            .build()) {
      producer.sendAndWait(event(1), Duration.ofSeconds(60)); // metadata known, connection up
      kafka.stopBroker(0);
      Thread filler =
          new Thread(
              () -> {
                int user = 2;
                while (!stop.get()) {
                  producer.submit(event(user++ % 100_000 + 1));
                }
              },
              "saw-filler");
      filler.setDaemon(true);
      filler.start();
      awaitBlockedInKafkaSend(filler);

      long t0 = System.nanoTime();
      assertThatThrownBy(() -> producer.sendAndWait(event(7), Duration.ofSeconds(3)))
          .isInstanceOf(RatingsClientException.class)
          .satisfies(e -> assertThat(((RatingsClientException) e).isRetriable()).isTrue());
      assertThat(since(t0)).as("max.block is 60 s").isLessThan(Duration.ofSeconds(30));
    } finally {
      stop.set(true);
    }
  }

  /** Waits (bounded) until the thread is parked inside Kafka's send: buffer full or no metadata. */
  private static void awaitBlockedInKafkaSend(Thread thread) {
    long t0 = System.nanoTime();
    while (since(t0).compareTo(Duration.ofSeconds(60)) < 0) {
      Thread.State state = thread.getState();
      if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
        String stack = Arrays.toString(thread.getStackTrace());
        if (stack.contains("BufferPool.allocate") || stack.contains("waitOnMetadata")) {
          return;
        }
      }
      sleep(50);
    }
    throw new AssertionError(
        "the filler never blocked in Kafka's send: " + Arrays.toString(thread.getStackTrace()));
  }

  private static RatingEvent event(int user) {
    return new RatingEvent(user, 1, 4.0, System.currentTimeMillis());
  }
}
