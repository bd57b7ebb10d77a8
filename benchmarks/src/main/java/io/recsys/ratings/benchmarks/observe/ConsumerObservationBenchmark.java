package io.recsys.ratings.benchmarks.observe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.recsys.ratings.client.Tracing;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.micrometer.ConsumerMetrics;
import io.recsys.ratings.micrometer.MeterOptions;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The consumer's per-record cost with observation off and on: each invocation runs a {@code
 * RatingConsumer} over Kafka's {@code MockConsumer} through one poll batch of {@value #RECORDS}
 * valid records (decode, validate, handler, stats, commit), so the time per operation is the record
 * path of the SDK plus the mock's own work, which is the same in every mode; the differences
 * between modes are what the observer and the tracing cost. Every record carries a {@code
 * traceparent} header in every mode.
 *
 * <ul>
 *   <li>{@code off}: no observer, tracing off (the default);
 *   <li>{@code micrometer}: {@code ConsumerMetrics} on a {@code SimpleMeterRegistry} (counters, a
 *       timer with three client-side percentiles, lag gauges);
 *   <li>{@code micrometer-no-percentiles}: the same with {@code MeterOptions.noPercentiles()};
 *   <li>{@code tracing}: {@code Tracing.of} the OpenTelemetry SDK (batch span processor, spans
 *       dropped by the exporter): a consumer span per record, child of the header's context;
 *   <li>{@code both}.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5 -prof gc ConsumerObservation
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConsumerObservationBenchmark {
  static final int RECORDS = 20_000;
  private static final TopicPartition P0 = new TopicPartition("ratings", 0);
  private static final byte[] TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8);

  /** What observes the consumer. */
  @Param({"off", "micrometer", "micrometer-no-percentiles", "tracing", "both"})
  public String mode;

  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(RECORDS);
  private ConsumerRecords<byte[], byte[]> batch;
  private SimpleMeterRegistry registry;
  private ConsumerMetrics metrics;
  private OpenTelemetrySdk openTelemetry;
  private Tracing tracing;
  private RatingConsumer consumer;
  private long sum;

  /** Encodes the records once and sets up the observers of the mode. */
  @Setup(Level.Trial)
  public void prepare() {
    SplittableRandom random = new SplittableRandom(21);
    RatingCodec codec = RatingCodec.defaults();
    long now = System.currentTimeMillis();
    for (int i = 0; i < RECORDS; i++) {
      RatingEvent e =
          new RatingEvent(
              1 + random.nextInt(138_000),
              1 + random.nextInt(60_000),
              (1 + random.nextInt(10)) / 2.0,
              now - random.nextInt(1_000_000));
      if (!RatingValidator.defaults().validate(e).isValid()) {
        throw new IllegalStateException("not a valid event: " + e);
      }
      ConsumerRecord<byte[], byte[]> r =
          new ConsumerRecord<>("ratings", 0, i, null, codec.encode(e));
      r.headers().add("traceparent", TRACEPARENT);
      records.add(r);
    }
    batch = new ConsumerRecords<>(Map.of(P0, records));
    if (mode.equals("micrometer") || mode.equals("both")) {
      registry = new SimpleMeterRegistry();
      metrics = ConsumerMetrics.create(registry, MeterOptions.defaults());
    }
    if (mode.equals("micrometer-no-percentiles")) {
      registry = new SimpleMeterRegistry();
      metrics = ConsumerMetrics.create(registry, MeterOptions.defaults().noPercentiles());
    }
    if (mode.equals("tracing") || mode.equals("both")) {
      openTelemetry = Observability.openTelemetry();
      tracing = Tracing.of(openTelemetry);
    }
  }

  /** A fresh consumer over a mock that delivers the prepared batch (not timed). */
  @Setup(Level.Invocation)
  public void consumer() {
    MockConsumer<byte[], byte[]> mock =
        new MockConsumer<>("earliest") {
          private boolean delivered;

          @Override
          public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            if (delivered) {
              return ConsumerRecords.empty();
            }
            super.poll(Duration.ZERO); // runs the assignment task
            delivered = true;
            return batch; // built once: the mock's own bookkeeping is not measured
          }
        };
    mock.schedulePollTask(
        () -> {
          mock.rebalance(List.of(P0));
          mock.updateBeginningOffsets(Map.of(P0, 0L));
          mock.updateEndOffsets(Map.of(P0, (long) RECORDS));
        });
    RatingConsumerBuilder b =
        RatingConsumer.builder()
            .groupId("bench")
            .maxMessages(RECORDS)
            .idleTimeout(Duration.ofSeconds(30))
            .pollTimeout(Duration.ofMillis(1))
            .handler((event, ctx) -> sum += event.movieId());
    if (metrics != null) {
      b.observer(metrics);
    }
    if (tracing != null) {
      b.tracing(tracing);
    }
    consumer = b.build(mock, null);
  }

  /** Closes the trial's tracer provider. */
  @TearDown(Level.Trial)
  public void close() {
    if (openTelemetry != null) {
      openTelemetry.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }

  /**
   * Runs the consumer through the batch.
   *
   * @return the result (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public ConsumerResult consume() {
    ConsumerResult result = consumer.run();
    consumer.close();
    return result;
  }
}
