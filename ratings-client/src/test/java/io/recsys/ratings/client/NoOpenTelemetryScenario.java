package io.recsys.ratings.client;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Builds and runs clients with tracing asked for, for {@link NoOpenTelemetryTest}, which loads this
 * class in a class loader without the OpenTelemetry API. Uses nothing but the SDK, Kafka's clients
 * and the JDK (no test library), and fails with an {@link AssertionError}.
 */
public final class NoOpenTelemetryScenario implements Supplier<String> {

  @Override
  public String get() {
    check(!Tracing.apiAvailable(), "the OpenTelemetry API is visible");
    Tracing tracing = Tracing.global();
    check(!tracing.enabled(), "tracing is on without the API: " + tracing);

    TopicPartition tp = new TopicPartition("ratings", 0);
    MockConsumer<byte[], byte[]> mock = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    mock.schedulePollTask(
        () -> {
          mock.rebalance(List.of(tp));
          mock.updateBeginningOffsets(Map.of(tp, 0L));
          mock.updateEndOffsets(Map.of(tp, 2L));
        });
    mock.schedulePollTask(
        () -> {
          for (int i = 0; i < 2; i++) {
            byte[] v = RatingCodec.defaults().encode(new RatingEvent(1, 10 + i, 4.0, 1_000L + i));
            ConsumerRecord<byte[], byte[]> r =
                new ConsumerRecord<>("ratings", 0, i, "1".getBytes(StandardCharsets.UTF_8), v);
            r.headers()
                .add(
                    "traceparent",
                    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
                        .getBytes(StandardCharsets.UTF_8));
            mock.addRecord(r);
          }
        });
    AtomicInteger handled = new AtomicInteger();
    AtomicInteger observed = new AtomicInteger();
    ConsumerResult result;
    try (RatingConsumer consumer =
        RatingConsumer.builder()
            .groupId("no-otel")
            .tracing(tracing)
            .observer((topic, partition, outcome, kind, nanos) -> observed.incrementAndGet())
            .handler((event, ctx) -> handled.incrementAndGet())
            .maxMessages(2)
            .idleTimeout(Duration.ofSeconds(30))
            .pollTimeout(Duration.ofMillis(20))
            .build(mock, null)) {
      result = consumer.run();
    }
    check(handled.get() == 2, "handled " + handled);
    check(observed.get() == 2, "observed " + observed);

    AtomicInteger sends = new AtomicInteger();
    try (RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers("localhost:9")
            .tracing(Tracing.global())
            .observer((topic, status, partition, nanos) -> sends.incrementAndGet())
            .build()) {
      check(!producer.submit(new RatingEvent(1, 1, 99.0, 1L)), "an invalid event was sent");
      check(sends.get() == 1, "observed sends " + sends);
      producer.close(Duration.ZERO);
    }
    return result.stopReason() + ", handled " + handled;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
