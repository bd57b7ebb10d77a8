package io.recsys.ratings.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.producer.InMemoryRatingProducer;
import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class MetricsPublisherTest {

  @Test
  void publishesWindowsOfProducerStatsThatParseBack() {
    MockProducer<byte[], byte[]> mock =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(2)) {
      MetricsPublisher publisher =
          MetricsPublisher.builder()
              .source("rating-producer")
              .stats(producer::stats)
              .interval(Duration.ofHours(1))
              .start(mock);
      for (int i = 0; i < 10; i++) {
        producer.send(new RatingEvent(1 + i, 1, 4.0, 1_700_000_000_000L));
      }
      MetricsEvent first = publisher.publishNow();
      producer.send(new RatingEvent(1, 1, 4.0, 1_700_000_000_000L));
      publisher.close();

      assertThat(mock.history()).hasSize(2);
      ProducerRecord<byte[], byte[]> r = mock.history().get(0);
      assertThat(r.topic()).isEqualTo("metrics");
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("rating-producer");
      assertThat(MetricsCodec.decode(r.value())).contains(first);
      assertThat(first.count()).isEqualTo(10);
      assertThat(first.source()).isEqualTo("rating-producer");
      MetricsEvent second = MetricsCodec.decode(mock.history().get(1).value()).orElseThrow();
      assertThat(second.count()).isEqualTo(1);
      assertThat(second.windowStart()).isEqualTo(first.windowEnd());
      assertThat(publisher.published()).isEqualTo(2);
      assertThat(mock.closed()).isTrue();
    }
  }

  @Test
  void requiresSourceAndStats() {
    assertThatThrownBy(() -> MetricsPublisher.builder().source(" "))
        .isInstanceOf(RatingsConfigException.class);
    assertThatThrownBy(() -> MetricsPublisher.builder().source("s").start())
        .hasMessageContaining("stats is required");
  }
}
