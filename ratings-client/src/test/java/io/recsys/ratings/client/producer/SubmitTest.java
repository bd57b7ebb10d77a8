package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** {@link RatingProducer#submit}: the future-less path counts and reports exactly like send. */
class SubmitTest {
  private static final long T = 1_700_000_000_000L;

  @Test
  void validEventsAreSentKeyedAndCounted() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(6)) {
      for (int i = 0; i < 100; i++) {
        assertThat(producer.submit(new RatingEvent(1 + i % 7, 1 + i, 4.5, T + i))).isTrue();
      }
      producer.flush();
      ProducerStats s = producer.stats();
      assertThat(s.sent()).isEqualTo(100);
      assertThat(s.acknowledged()).isEqualTo(100);
      assertThat(s.failed()).isZero();
      assertThat(s.rejected()).isZero();
      assertThat(s.inFlight()).isZero();
      assertThat(s.acknowledgedPerPartition().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(100);
      ProducerRecord<byte[], byte[]> first = producer.records().get(0);
      assertThat(new String(first.key(), StandardCharsets.US_ASCII)).isEqualTo("1");
      assertThat(first.timestamp()).isEqualTo(T);
      assertThat(first.value())
          .isEqualTo(RatingCodec.defaults().encode(new RatingEvent(1, 1, 4.5, T)));
      assertThat(producer.history()).hasSize(100);
    }
  }

  @Test
  void invalidEventIsRejectedNotSentAndReported() {
    List<SendOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    try (InMemoryRatingProducer producer =
        InMemoryRatingProducer.create(3, RatingValidator.defaults(), outcomes::add)) {
      assertThat(producer.submit(new RatingEvent(1, 1, 7.0, T))).isFalse();
      assertThat(producer.records()).isEmpty();
      ProducerStats s = producer.stats();
      assertThat(s.rejected()).isEqualTo(1);
      assertThat(s.sent()).isZero();
      assertThat(outcomes).hasSize(1);
      SendOutcome o = outcomes.get(0);
      assertThat(o.status()).isEqualTo(SendOutcome.Status.REJECTED);
      assertThat(o.error()).isInstanceOf(RatingRejectedException.class);
      assertThat(((RatingRejectedException) o.error()).violations())
          .extracting(v -> v.field())
          .containsExactly("rating");
    }
  }

  @Test
  void listenerGetsEveryAcknowledgementWithWhereItWasStored() {
    List<SendOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    try (InMemoryRatingProducer producer =
        InMemoryRatingProducer.create(6, RatingValidator.defaults(), outcomes::add)) {
      for (int i = 0; i < 50; i++) {
        producer.submit(new RatingEvent(44176, 1 + i, 3.5, T + i));
      }
      producer.flush();
      assertThat(outcomes).hasSize(50);
      assertThat(outcomes).allMatch(o -> o.status() == SendOutcome.Status.ACKNOWLEDGED);
      // one user, one partition, offsets in submit order
      assertThat(outcomes)
          .extracting(o -> o.result().partition())
          .containsOnly(outcomes.get(0).result().partition());
      for (int i = 0; i < 50; i++) {
        SendOutcome o = outcomes.get(i);
        assertThat(o.event().movieId()).isEqualTo(1 + i);
        assertThat(o.result().offset()).isEqualTo(i);
        assertThat(o.result().timestamp()).isEqualTo(T + i);
        assertThat(o.result().topic()).isEqualTo("ratings");
      }
    }
  }

  @Test
  void deliveryFailureIsCountedAndReported() {
    List<SendOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    try (InMemoryRatingProducer producer = manualWithListener(outcomes)) {
      assertThat(producer.submit(new RatingEvent(1, 1, 4.0, T))).isTrue();
      assertThat(producer.submit(new RatingEvent(2, 2, 4.0, T))).isTrue();
      assertThat(producer.stats().inFlight()).isEqualTo(2);
      producer.errorNext(new TimeoutException("expired"));
      producer.completeNext();
      ProducerStats s = producer.stats();
      assertThat(s.failed()).isEqualTo(1);
      assertThat(s.acknowledged()).isEqualTo(1);
      assertThat(s.inFlight()).isZero();
      assertThat(outcomes)
          .extracting(SendOutcome::status)
          .containsExactly(SendOutcome.Status.FAILED, SendOutcome.Status.ACKNOWLEDGED);
      assertThat(outcomes.get(0).error())
          .isInstanceOf(RatingDeliveryException.class)
          .hasCauseInstanceOf(TimeoutException.class);
      assertThat(outcomes.get(0).event().userId()).isEqualTo(1);
    }
  }

  @Test
  void failuresWithoutListenerAreCounted() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.manual(3)) {
      for (int i = 0; i < 3; i++) {
        producer.submit(new RatingEvent(1 + i, 1, 4.0, T));
      }
      producer.errorNext(new TimeoutException("expired"));
      producer.errorNext(new TimeoutException("expired"));
      producer.completeNext();
      ProducerStats s = producer.stats();
      assertThat(s.failed()).isEqualTo(2);
      assertThat(s.acknowledged()).isEqualTo(1);
      assertThat(s.sent()).isEqualTo(3);
    }
  }

  @Test
  void afterCloseSubmitReturnsFalseAndCountsAFailure() {
    List<SendOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    InMemoryRatingProducer producer =
        InMemoryRatingProducer.create(3, RatingValidator.defaults(), outcomes::add);
    producer.close(Duration.ofSeconds(1));
    assertThat(producer.submit(new RatingEvent(1, 1, 4.0, T))).isFalse();
    assertThat(producer.stats().failed()).isEqualTo(1);
    assertThat(producer.stats().inFlight()).isZero();
    assertThat(outcomes).extracting(SendOutcome::status).containsExactly(SendOutcome.Status.FAILED);
    assertThat(outcomes.get(0).error()).hasMessageContaining("closed");
  }

  @Test
  void nullIsRefused() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(1)) {
      assertThatThrownBy(() -> producer.submit(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void aRandomOneInEightSubmitsAndSendsIsTimedEverySendAndWaitIs() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(6)) {
      int submits = 40_000;
      for (int i = 0; i < submits; i++) {
        producer.submit(new RatingEvent(1 + i % 1000, 1, 4.0, T));
      }
      ProducerStats s = producer.stats();
      assertThat(s.acknowledged()).isEqualTo(submits);
      // binomial(40,000, 1/8): mean 5,000, standard deviation 66; these bounds are 15 deviations
      long timed = s.sendToAckLatency().count();
      assertThat(timed).isBetween(4_000L, 6_000L);
      int sends = 40_000;
      for (int i = 0; i < sends; i++) {
        producer.send(new RatingEvent(1 + i % 1000, 1, 4.0, T)).join();
      }
      assertThat(producer.stats().acknowledged()).isEqualTo(submits + sends);
      long timedSends = producer.stats().sendToAckLatency().count() - timed;
      assertThat(timedSends).isBetween(4_000L, 6_000L);
      for (int i = 0; i < 100; i++) {
        producer.sendAndWait(new RatingEvent(1, 1, 4.0, T), Duration.ofSeconds(5));
      }
      assertThat(producer.stats().sendToAckLatency().count()).isEqualTo(timed + timedSends + 100);
    }
  }

  @Test
  void latencySamplingOfOneTimesEverySendAndSubmit() {
    RatingProducerConfig config =
        RatingProducer.builder().bootstrapServers("localhost:9092").latencySampling(1).config();
    Node node = new Node(0, "mock", 9092);
    Cluster cluster =
        new Cluster(
            "mock",
            List.of(node),
            List.of(new PartitionInfo("ratings", 0, node, new Node[] {node}, new Node[] {node})),
            Set.of(),
            Set.of());
    MockProducer<byte[], byte[]> mock =
        new MockProducer<>(
            cluster,
            true,
            new KeyPartitioner(),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    try (RatingProducer producer = new KafkaRatingProducer(config, mock, false)) {
      for (int i = 0; i < 500; i++) {
        producer.submit(new RatingEvent(1 + i, 1, 4.0, T));
        producer.send(new RatingEvent(1 + i, 2, 4.0, T)).join();
      }
      producer.flush();
      assertThat(producer.stats().acknowledged()).isEqualTo(1_000);
      assertThat(producer.stats().sendToAckLatency().count()).isEqualTo(1_000);
    }
  }

  private static InMemoryRatingProducer manualWithListener(List<SendOutcome> outcomes) {
    return InMemoryRatingProducer.manual(3, RatingValidator.defaults(), outcomes::add);
  }
}
