package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.RatingEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What a {@link ProducerObserver} is told, on Kafka's MockProducer. */
class ProducerObserverTest {
  private static final RatingEvent VALID = new RatingEvent(1, 1, 4.0, 1_700_000_000_000L);

  private record Seen(String topic, SendOutcome.Status status, int partition, long nanos) {}

  @Test
  void everySendAndSubmitIsObservedWithItsOutcomeAndAcknowledgementsAreTimed() {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    RatingProducerConfig config =
        RatingProducer.builder()
            .bootstrapServers("localhost:9092")
            .topic("rated")
            .latencySampling(1024) // the observer times every send whatever the sampling
            .observer(
                (topic, status, partition, nanos) ->
                    seen.add(new Seen(topic, status, partition, nanos)))
            .config();
    MockProducer<byte[], byte[]> mock =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    try (KafkaRatingProducer producer = new KafkaRatingProducer(config, mock, false)) {
      var acked = producer.send(VALID);
      assertThat(producer.submit(VALID)).isTrue();
      var failed = producer.send(VALID);
      assertThat(producer.submit(new RatingEvent(1, 1, 9.0, 1L))).isFalse(); // rejected
      assertThat(mock.completeNext()).isTrue();
      assertThat(mock.completeNext()).isTrue();
      assertThat(mock.errorNext(new KafkaException("broker gone"))).isTrue();
      acked.join();
      assertThat(failed).isCompletedExceptionally();
      producer.close(Duration.ZERO);
    }
    assertThat(seen)
        .extracting(Seen::status)
        .containsExactly(
            SendOutcome.Status.REJECTED,
            SendOutcome.Status.ACKNOWLEDGED,
            SendOutcome.Status.ACKNOWLEDGED,
            SendOutcome.Status.FAILED);
    assertThat(seen).allSatisfy(s -> assertThat(s.topic()).isEqualTo("rated"));
    assertThat(seen)
        .filteredOn(s -> s.status() == SendOutcome.Status.ACKNOWLEDGED)
        .allSatisfy(
            s -> {
              assertThat(s.nanos()).isPositive();
              assertThat(s.partition()).isZero();
            });
    assertThat(seen)
        .filteredOn(s -> s.status() != SendOutcome.Status.ACKNOWLEDGED)
        .allSatisfy(
            s -> {
              assertThat(s.nanos()).isEqualTo(-1);
              assertThat(s.partition()).isEqualTo(-1);
            });
  }

  @Test
  void anObserverThatThrowsIsIgnored() {
    RatingProducerConfig config =
        RatingProducer.builder()
            .bootstrapServers("localhost:9092")
            .observer(
                (topic, status, partition, nanos) -> {
                  throw new IllegalStateException("observer bug");
                })
            .config();
    MockProducer<byte[], byte[]> mock =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    try (KafkaRatingProducer producer = new KafkaRatingProducer(config, mock, false)) {
      SendResult r = producer.send(VALID).join();
      assertThat(r.topic()).isEqualTo("ratings");
      assertThat(producer.stats().acknowledged()).isEqualTo(1);
    }
  }
}
