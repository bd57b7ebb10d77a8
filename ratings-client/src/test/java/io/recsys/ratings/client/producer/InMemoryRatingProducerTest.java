package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import io.recsys.ratings.schema.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class InMemoryRatingProducerTest {
  private static final long T = 1_700_000_000_000L;

  @Test
  void keyIsUserIdAndTimestampIsEventTime() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(6)) {
      SendResult result =
          producer.sendAndWait(new RatingEvent(44176, 21373, 3.5, T), Duration.ofSeconds(5));
      ProducerRecord<byte[], byte[]> record = producer.records().get(0);
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("44176");
      assertThat(record.timestamp()).isEqualTo(T);
      assertThat(record.topic()).isEqualTo("ratings");
      assertThat(new String(record.value(), StandardCharsets.UTF_8))
          .isEqualTo("{\"userId\":44176,\"movieId\":21373,\"rating\":3.5,\"timestamp\":" + T + "}");
      assertThat(result.timestamp()).isEqualTo(T);
      assertThat(result.topic()).isEqualTo("ratings");
    }
  }

  @Test
  void sameUserAlwaysGoesToTheSamePartition() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(12)) {
      List<Integer> partitions = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        partitions.add(producer.send(new RatingEvent(777, 1 + i, 4.0, T + i)).join().partition());
      }
      assertThat(partitions).containsOnly(partitions.get(0));
      java.util.Set<Integer> spread = new java.util.HashSet<>();
      for (int user = 1; user <= 200; user++) {
        spread.add(producer.send(new RatingEvent(user, 1, 4.0, T)).join().partition());
      }
      assertThat(spread).hasSizeGreaterThan(6);
    }
  }

  @Test
  void invalidEventIsRejectedNeverSentAndCounted() {
    List<SendOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    try (InMemoryRatingProducer producer =
        InMemoryRatingProducer.create(3, RatingValidator.defaults(), outcomes::add)) {
      CompletableFuture<SendResult> f = producer.send(new RatingEvent(1, 1, 7.0, T));
      assertThat(f).isCompletedExceptionally();
      assertThatThrownBy(f::join)
          .hasCauseInstanceOf(RatingRejectedException.class)
          .cause()
          .satisfies(
              e -> {
                RatingRejectedException r = (RatingRejectedException) e;
                assertThat(r.violations())
                    .extracting(Violation::code)
                    .contains(Violation.RATING_OUT_OF_RANGE);
                assertThat(r.isRetriable()).isFalse();
              });
      assertThat(producer.history()).isEmpty();
      assertThat(producer.stats().rejected()).isEqualTo(1);
      assertThat(producer.stats().sent()).isZero();
      assertThat(outcomes)
          .singleElement()
          .extracting(SendOutcome::status)
          .isEqualTo(SendOutcome.Status.REJECTED);
      assertThatThrownBy(
              () -> producer.sendAndWait(new RatingEvent(0, 1, 4.0, T), Duration.ofSeconds(1)))
          .isInstanceOf(RatingRejectedException.class);
    }
  }

  @Test
  void deliveryFailureFailsTheFutureAndIsCounted() {
    InMemoryRatingProducer producer = InMemoryRatingProducer.manual(3);
    CompletableFuture<SendResult> ok = producer.send(new RatingEvent(1, 1, 4.0, T));
    CompletableFuture<SendResult> bad = producer.send(new RatingEvent(2, 1, 4.0, T));
    CompletableFuture<SendResult> pending = producer.send(new RatingEvent(3, 1, 4.0, T));
    assertThat(producer.stats().inFlight()).isEqualTo(3);
    assertThat(producer.completeNext()).isTrue();
    assertThat(producer.errorNext(new TimeoutException("broker down"))).isTrue();
    assertThat(ok).isCompleted();
    assertThatThrownBy(bad::join)
        .cause()
        .isInstanceOf(RatingDeliveryException.class)
        .hasMessageContaining("broker down")
        .satisfies(e -> assertThat(((RatingsClientException) e).isRetriable()).isTrue());
    ProducerStats stats = producer.stats();
    assertThat(stats.acknowledged()).isEqualTo(1);
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.inFlight()).isEqualTo(1);
    CloseResult close = producer.close(Duration.ZERO);
    assertThat(close.allDelivered()).isFalse();
    assertThat(close.undelivered()).isEqualTo(2);
    assertThat(pending).isNotCompleted();
  }

  @Test
  void sendAfterCloseFailsWithoutThrowing() {
    InMemoryRatingProducer producer = InMemoryRatingProducer.create(1);
    assertThat(producer.close(Duration.ofSeconds(1)).allDelivered()).isTrue();
    CompletableFuture<SendResult> f = producer.send(new RatingEvent(1, 1, 4.0, T));
    assertThatThrownBy(f::join).hasMessageContaining("closed");
    assertThat(producer.stats().failed()).isEqualTo(1);
    assertThat(producer.close(Duration.ofSeconds(1)).failed()).isZero();
  }

  @Test
  void sendAllSummarisesEveryOutcome() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(4)) {
      BatchResult result =
          producer.sendAll(
              Stream.of(
                  new RatingEvent(1, 1, 4.0, T),
                  new RatingEvent(2, 1, 9.0, T),
                  new RatingEvent(3, 1, 0.5, T)));
      assertThat(result.submitted()).isEqualTo(3);
      assertThat(result.acknowledged()).isEqualTo(2);
      assertThat(result.rejected()).isEqualTo(1);
      assertThat(result.failed()).isZero();
      assertThat(result.allValidAcknowledged()).isTrue();
      assertThat(result.firstError()).containsInstanceOf(RatingRejectedException.class);
      assertThat(
              producer.stats().acknowledgedPerPartition().values().stream().mapToLong(l -> l).sum())
          .isEqualTo(2);
    }
  }

  @Test
  void sendAndWaitChecksEveryArgumentBeforeSending() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(1)) {
      RatingEvent valid = new RatingEvent(1, 1, 4.0, T);

      assertThatThrownBy(() -> producer.sendAndWait(valid, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("timeout");
      assertThatThrownBy(() -> producer.sendAndWait(valid, Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PT-1S");
      assertThatThrownBy(() -> producer.sendAndWait(null, Duration.ofSeconds(1)))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("event");

      assertThat(producer.records()).isEmpty();
      assertThat(producer.stats().sent()).isZero();
    }
  }

  @Test
  void sendAllChecksTheWholeListBeforeSendingAnything() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(1)) {
      List<RatingEvent> events =
          java.util.Arrays.asList(
              new RatingEvent(1, 1, 4.0, T), null, new RatingEvent(2, 1, 4.0, T));

      assertThatThrownBy(() -> producer.sendAll(events))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("events[1] is null")
          .hasMessageContaining("nothing was sent");

      assertThat(producer.records()).isEmpty();
      assertThat(producer.stats().sent()).isZero();
    }
  }

  @Test
  void sendAllOfAStreamStopsAtANullElementAndSaysWhatWasSent() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(1)) {
      Stream<RatingEvent> events =
          Stream.of(new RatingEvent(1, 1, 4.0, T), null, new RatingEvent(2, 1, 4.0, T));

      assertThatThrownBy(() -> producer.sendAll(events))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("events[1] is null")
          .hasMessageContaining("the 1 events before it were sent (1 acknowledged");

      assertThat(producer.history()).containsExactly(new RatingEvent(1, 1, 4.0, T));
    }
  }

  @Test
  void nullEventIsAProgrammingError() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(1)) {
      assertThatThrownBy(() -> producer.send(null)).isInstanceOf(NullPointerException.class);
    }
  }
}
