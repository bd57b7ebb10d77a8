package io.recsys.ratings.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.FailurePolicy;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import io.recsys.ratings.client.consumer.RecordContext;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A known run on a real broker: N valid events handled, M malformed records and K events whose
 * handler always fails dead-lettered, R invalid events rejected by the producer. The meters count
 * exactly that, and Kafka's own client metrics are bound.
 */
@IntegrationTest
@WithKafka
class MicrometerBindingIntegrationTest {
  private static final int N = 40;
  private static final int M = 7;
  private static final int K = 5;
  private static final int R = 3;
  private static final int FAILING_MOVIE = 13;

  @Test
  void theNamedMetersCountAKnownRun(KafkaCluster kafka) throws Exception {
    String topic = "mm-ratings";
    String dlq = "mm-ratings.dlq";
    kafka.createTopic(topic, 3, 1);
    kafka.createTopic(dlq, 1, 1);
    MeterRegistry registry = new SimpleMeterRegistry();
    long now = System.currentTimeMillis();

    ProducerMetrics producerMetrics =
        ProducerMetrics.create(registry, MeterOptions.defaults().clientId("loader"));
    try (RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .properties(kafka.clientProperties())
            .topic(topic)
            .observer(producerMetrics)
            .build()) {
      producerMetrics.bindKafkaClientMetrics(producer);
      for (int i = 0; i < N + K; i++) {
        int movie = i < K ? FAILING_MOVIE : 100 + i;
        producer.send(new RatingEvent(1 + i % 11, movie, 4.0, now + i)).get(30, TimeUnit.SECONDS);
      }
      for (int i = 0; i < R; i++) {
        assertThat(producer.submit(new RatingEvent(1, 1, 9.0, now))).isFalse(); // out of range
      }
      assertThat(kafkaMeters(registry, "kafka.producer.")).isNotEmpty();
    }
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            kafka.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < M; i++) {
        raw.send(new ProducerRecord<>(topic, utf8("not json " + i))).get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(count(registry, MeterNames.PRODUCER_SENDS, "acknowledged")).isEqualTo(N + K);
    assertThat(count(registry, MeterNames.PRODUCER_SENDS, "rejected")).isEqualTo(R);
    assertThat(count(registry, MeterNames.PRODUCER_SENDS, "failed")).isZero();
    assertThat(registry.get(MeterNames.PRODUCER_SEND_LATENCY).timer().count()).isEqualTo(N + K);

    String bootstrap = kafka.bootstrapServers();
    // tag::consumer-metrics[]
    ConsumerMetrics metrics =
        ConsumerMetrics.create(registry, MeterOptions.defaults().clientId("recommender"));
    RatingConsumerBuilder builder =
        RatingConsumer.builder()
            .bootstrapServers(bootstrap)
            .groupId("recommender")
            .topic(topic)
            .deadLetterTopic(dlq)
            .handler(this::update)
            .observer(metrics);
    // end::consumer-metrics[]
    RatingConsumer consumer =
        builder
            .properties(kafka.clientProperties())
            .failurePolicy(
                FailurePolicy.builder()
                    .maxAttempts(2)
                    .backoff(Duration.ofMillis(10), 2, Duration.ofMillis(20))
                    .build())
            .maxMessages(N + K + M)
            .idleTimeout(Duration.ofSeconds(60))
            .pollTimeout(Duration.ofMillis(200))
            .build();
    // tag::consumer-kafka-metrics[]
    metrics.bindKafkaClientMetrics(consumer); // Kafka's own consumer metrics: kafka.consumer.*
    // end::consumer-kafka-metrics[]
    ConsumerResult result;
    try (consumer) {
      result = consumer.run();
      assertThat(kafkaMeters(registry, "kafka.consumer.")).isNotEmpty();
    }
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);

    assertThat(records(registry, "handled", "valid")).isEqualTo(N);
    assertThat(records(registry, "dead_lettered", "malformed")).isEqualTo(M);
    assertThat(records(registry, "dead_lettered", "processing_error")).isEqualTo(K);
    assertThat(records(registry, "dead_lettered", "invalid")).isZero();
    assertThat(registry.get(MeterNames.CONSUMER_HANDLER_FAILURES).counter().count())
        .isEqualTo(2 * K); // two attempts each
    assertThat(
            registry
                .get(MeterNames.CONSUMER_HANDLE_LATENCY)
                .tags(MeterNames.OUTCOME, "handled")
                .timer()
                .count())
        .isEqualTo(N);
    Collection<Gauge> lags = registry.get(MeterNames.CONSUMER_LAG).gauges();
    assertThat(lags).hasSize(3);
    assertThat(lags).allSatisfy(g -> assertThat(g.value()).isZero());
    metrics.close();
    producerMetrics.close();
    assertThat(registry.find(MeterNames.CONSUMER_RECORDS).counters()).isEmpty();
  }

  @Test
  void oneConsumerMetricsServesEveryMemberOfARuntime(KafkaCluster kafka) throws Exception {
    String topic = "mm-runtime";
    int partitions = 4;
    int events = 60;
    kafka.createTopic(topic, partitions, 1);
    long now = System.currentTimeMillis();
    try (RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .properties(kafka.clientProperties())
            .topic(topic)
            .build()) {
      for (int i = 0; i < events; i++) {
        producer.send(new RatingEvent(1 + i, 100 + i, 4.0, now + i)).get(30, TimeUnit.SECONDS);
      }
    }
    MeterRegistry registry = new SimpleMeterRegistry();
    AtomicInteger handled = new AtomicInteger();
    String bootstrap = kafka.bootstrapServers();
    // tag::runtime-metrics[]
    ConsumerMetrics metrics =
        ConsumerMetrics.create(registry, MeterOptions.defaults().clientId("recommender"));
    RatingConsumerBuilder template =
        RatingConsumer.builder()
            .bootstrapServers(bootstrap)
            .groupId("recommender-runtime")
            .topic(topic)
            .observer(metrics); // one observer for every member
    // end::runtime-metrics[]
    template.properties(kafka.clientProperties());
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(template)
            .concurrency(2)
            .handler((event, context) -> handled.incrementAndGet())
            .build();
    // tag::runtime-kafka-metrics[]
    runtime.start();
    metrics.bindKafkaClientMetrics(runtime); // after start(): every member's kafka.consumer.*
    // end::runtime-kafka-metrics[]
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && !(handled.get() == events
              && registry.find(MeterNames.CONSUMER_LAG).gauges().size() == partitions
              && registry.find(MeterNames.CONSUMER_LAG).gauges().stream()
                  .allMatch(g -> g.value() == 0))) {
        Thread.sleep(100);
      }
      assertThat(handled.get()).isEqualTo(events);
      assertThat(records(registry, "handled", "valid")).isEqualTo(events);
      // both members report their partitions about once a second; neither removes the other's
      for (int i = 0; i < 12; i++) {
        assertThat(registry.find(MeterNames.CONSUMER_LAG).gauges())
            .extracting(g -> g.getId().getTag(MeterNames.PARTITION))
            .containsExactlyInAnyOrder("0", "1", "2", "3");
        Thread.sleep(250);
      }
      assertThat(
              kafkaMeters(registry, "kafka.consumer.").stream()
                  .map(m -> m.getId().getTag("client.id"))
                  .distinct())
          .contains("recommender-runtime-0", "recommender-runtime-1");
    } finally {
      assertThat(runtime.stop(Duration.ofSeconds(30))).isTrue();
    }
    assertThat(runtime.stats().valid()).isEqualTo(events);
    assertThat(runtime.stats().eventLatency().count()).isEqualTo(events);
    metrics.close();
    assertThat(registry.getMeters()).isEmpty();
  }

  private void update(RatingEvent event, RecordContext context) {
    if (event.movieId() == FAILING_MOVIE) {
      throw new IllegalStateException("model rejects movie " + FAILING_MOVIE);
    }
  }

  private static double records(MeterRegistry registry, String outcome, String kind) {
    var c =
        registry
            .find(MeterNames.CONSUMER_RECORDS)
            .tags(MeterNames.OUTCOME, outcome, MeterNames.KIND, kind)
            .counter();
    return c == null ? 0 : c.count();
  }

  private static double count(MeterRegistry registry, String name, String outcome) {
    return registry.get(name).tags(MeterNames.OUTCOME, outcome).counter().count();
  }

  private static java.util.List<Meter> kafkaMeters(MeterRegistry registry, String prefix) {
    return registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith(prefix))
        .toList();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
