package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.RatingEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaRatingProducerListenerTest {

  @Test
  void statsListenerIsCalledPeriodicallyAndOnceAtCloseAndSendListenerPerOutcome() throws Exception {
    List<ProducerStats> snapshots = new CopyOnWriteArrayList<>();
    List<SendOutcome> outcomes = new CopyOnWriteArrayList<>();
    CountDownLatch twoTicks = new CountDownLatch(2);
    RatingProducerConfig config =
        RatingProducer.builder()
            .bootstrapServers("localhost:9092")
            .statsInterval(Duration.ofMillis(10))
            .statsListener(
                s -> {
                  snapshots.add(s);
                  twoTicks.countDown();
                })
            .sendListener(outcomes::add)
            .config();
    MockProducer<byte[], byte[]> mock =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    KafkaRatingProducer producer = new KafkaRatingProducer(config, mock, false);
    producer.send(new RatingEvent(1, 1, 4.0, 1_700_000_000_000L)).join();
    producer.send(new RatingEvent(1, 1, 4.2, 1_700_000_000_000L));
    assertThat(twoTicks.await(10, TimeUnit.SECONDS)).isTrue();
    producer.close(Duration.ofSeconds(1));
    int atClose = snapshots.size();
    ProducerStats last = snapshots.get(atClose - 1);
    assertThat(last.acknowledged()).isEqualTo(1);
    assertThat(last.rejected()).isEqualTo(1);
    assertThat(outcomes)
        .extracting(SendOutcome::status)
        .containsExactlyInAnyOrder(SendOutcome.Status.ACKNOWLEDGED, SendOutcome.Status.REJECTED);
    Thread.sleep(50);
    assertThat(snapshots).hasSize(atClose); // no calls after close
    assertThat(mock.closed()).isTrue();
  }

  @Test
  void submitThatKafkaRefusesAtOnceReturnsFalseCountsOneFailureAndReportsIt() {
    List<SendOutcome> outcomes = new CopyOnWriteArrayList<>();
    RatingProducerConfig config =
        RatingProducer.builder()
            .bootstrapServers("localhost:9092")
            .sendListener(outcomes::add)
            .config();
    MockProducer<byte[], byte[]> mock =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    mock.sendException = new KafkaException("metadata not available");
    try (KafkaRatingProducer producer = new KafkaRatingProducer(config, mock, false)) {
      assertThat(producer.submit(new RatingEvent(1, 1, 4.0, 1_700_000_000_000L))).isFalse();
      ProducerStats s = producer.stats();
      assertThat(s.sent()).isEqualTo(1);
      assertThat(s.failed()).isEqualTo(1);
      assertThat(s.inFlight()).isZero();
      assertThat(outcomes).hasSize(1);
      assertThat(outcomes.get(0).status()).isEqualTo(SendOutcome.Status.FAILED);
      assertThat(outcomes.get(0).error())
          .isInstanceOf(RatingDeliveryException.class)
          .hasCauseInstanceOf(KafkaException.class);
    }
  }
}
