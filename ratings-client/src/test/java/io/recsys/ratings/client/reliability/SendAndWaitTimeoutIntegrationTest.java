package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.producer;
import static io.recsys.ratings.client.reliability.Fixtures.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RetriableRatingsClientException;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sendAndWait} honours its timeout even where Kafka's {@code send} would block for {@code
 * max.block} (30 s by default) first, and the producer checks its arguments before it sends
 * anything.
 */
@IntegrationTest
@WithKafka(brokerConfig = "auto.create.topics.enable=false")
class SendAndWaitTimeoutIntegrationTest {

  /** Well under the default max.block of 30 s, with room for a busy machine. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static RatingEvent event(int user) {
    return new RatingEvent(user, 1, 4.0, System.currentTimeMillis());
  }

  @Test
  void sendAndWaitToAMissingTopicGivesUpWithinItsTimeoutNotMaxBlock(KafkaCluster kafka) {
    try (RatingProducer producer =
        producer(kafka, "saw-missing").closeTimeout(Duration.ofSeconds(2)).build()) {
      for (int attempt = 0; attempt < 2; attempt++) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> producer.sendAndWait(event(1), Duration.ofSeconds(5)))
            .isInstanceOf(RetriableRatingsClientException.class)
            .hasMessageContaining("saw-missing")
            .hasMessageContaining("PT5S")
            .hasMessageContaining("not sent");
        assertThat(since(t0)).isLessThan(BOUND);
      }
      assertThat(producer.stats().failed()).isEqualTo(2);
      assertThat(producer.stats().acknowledged()).isZero();
    }
  }

  @Test
  void sendAndWaitToAnUnreachableClusterGivesUpWithinItsTimeout() throws IOException {
    String closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = "127.0.0.1:" + socket.getLocalPort();
    }
    try (RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers(closedPort)
            .topic("saw-unreachable")
            .closeTimeout(Duration.ZERO)
            .build()) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> producer.sendAndWait(event(1), Duration.ofSeconds(5)))
          .isInstanceOf(RetriableRatingsClientException.class)
          .hasMessageContaining("saw-unreachable");
      assertThat(since(t0)).isLessThan(BOUND);
    }
  }

  @Test
  void sendAndWaitStillWorksOnceTheTopicExists(KafkaCluster kafka) {
    try (RatingProducer producer =
        producer(kafka, "saw-late").closeTimeout(Duration.ofSeconds(5)).build()) {
      assertThatThrownBy(() -> producer.sendAndWait(event(1), Duration.ofSeconds(2)))
          .isInstanceOf(RetriableRatingsClientException.class);

      kafka.createTopic("saw-late", 2, 1);
      SendResult result = producer.sendAndWait(event(2), Duration.ofSeconds(60));

      assertThat(result.topic()).isEqualTo("saw-late");
      assertThat(kafka.awaitRecords("saw-late", 1, Duration.ofSeconds(30))).hasSize(1);
    }
  }

  @Test
  void sendAndWaitWithoutATimeoutSendsNothing(KafkaCluster kafka) {
    kafka.createTopic("saw-null-timeout", 1, 1);
    try (RatingProducer producer = producer(kafka, "saw-null-timeout").build()) {
      assertThatThrownBy(() -> producer.sendAndWait(event(1), null))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> producer.sendAndWait(event(1), Duration.ofMillis(-5)))
          .isInstanceOf(IllegalArgumentException.class);
      producer.flush();
      assertThat(producer.stats().sent()).isZero();
    }
    assertThat(total(kafka, "saw-null-timeout")).isZero();
  }

  @Test
  void sendAllWithANullInTheMiddleSendsNothing(KafkaCluster kafka) {
    kafka.createTopic("saw-null-element", 1, 1);
    List<RatingEvent> events = Arrays.asList(event(1), null, event(2));
    try (RatingProducer producer = producer(kafka, "saw-null-element").build()) {
      assertThatThrownBy(() -> producer.sendAll(events))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("events[1]");
      producer.flush();
      assertThat(producer.stats().sent()).isZero();
      // the producer is still usable, and the topic holds only what is sent afterwards
      assertThat(producer.sendAll(List.of(event(3))).acknowledged()).isEqualTo(1);
    }
    assertThat(total(kafka, "saw-null-element")).isEqualTo(1);
  }

  private static long total(KafkaCluster kafka, String topic) {
    return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }
}
