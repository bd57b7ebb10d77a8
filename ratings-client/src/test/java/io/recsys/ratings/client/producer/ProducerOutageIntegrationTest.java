package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Close after a broker outage reports exactly what was not delivered, and does not hang. */
@IntegrationTest
@WithKafka
class ProducerOutageIntegrationTest {

  @Test
  void closeDuringOutageFailsEveryUnacknowledgedSendAndCountsIt(KafkaCluster kafka) {
    kafka.createTopic("it-outage", 1, 1);
    RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .properties(kafka.clientProperties())
            .topic("it-outage")
            .deliveryTimeout(Duration.ofSeconds(3))
            .maxBlock(Duration.ofSeconds(1))
            .build();
    long t = System.currentTimeMillis();
    List<RatingEvent> before = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      before.add(new RatingEvent(1 + i, 1, 4.0, t));
    }
    assertThat(producer.sendAll(before).acknowledged()).isEqualTo(100);

    kafka.stopBroker(0);
    try {
      List<CompletableFuture<SendResult>> during = new ArrayList<>();
      // with every broker gone Kafka 4 may drop the topic's metadata, after which each send blocks
      // up to max.block (1 s) before failing: keep the count small
      for (int i = 0; i < 10; i++) {
        during.add(producer.send(new RatingEvent(1 + i, 2, 4.0, t)));
      }
      long start = System.nanoTime();
      CloseResult closed = producer.close(Duration.ofSeconds(5));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      assertThat(closed.acknowledged()).isEqualTo(100);
      assertThat(closed.failed()).isEqualTo(10);
      assertThat(closed.unresolved()).isZero();
      assertThat(closed.undelivered()).isEqualTo(10);
      assertThat(during).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
    } finally {
      kafka.startBroker(0);
    }
  }
}
