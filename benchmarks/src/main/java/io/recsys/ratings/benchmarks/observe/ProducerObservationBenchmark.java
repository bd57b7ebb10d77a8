package io.recsys.ratings.benchmarks.observe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.recsys.ratings.client.Tracing;
import io.recsys.ratings.client.internal.RecordTracer;
import io.recsys.ratings.client.producer.SendOutcome;
import io.recsys.ratings.micrometer.MeterOptions;
import io.recsys.ratings.micrometer.ProducerMetrics;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What observation adds to one send of a {@code RatingProducer}: the {@code ProducerMetrics}
 * observer call on acknowledgement (a counter and a timer with three client-side percentiles; the
 * producer then also reads the clock on every send instead of one in eight) and the {@code
 * traceparent}/{@code tracestate} injection into the record's headers with a span current. The
 * baseline allocates the headers alone.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5 -prof gc ProducerObservation
 * </pre>
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProducerObservationBenchmark {
  private ProducerMetrics metrics;
  private ProducerMetrics bareMetrics;
  private OpenTelemetrySdk openTelemetry;
  private RecordTracer tracer;
  private Span span;
  private Scope scope;
  private long latency = 1_000_000;

  /** The observer, the tracer and a current span. */
  @Setup(Level.Trial)
  public void prepare() {
    metrics = ProducerMetrics.create(new SimpleMeterRegistry(), MeterOptions.defaults());
    bareMetrics =
        ProducerMetrics.create(new SimpleMeterRegistry(), MeterOptions.defaults().noPercentiles());
    openTelemetry = Observability.openTelemetry();
    tracer = Tracing.of(openTelemetry).recordTracer();
    span = openTelemetry.getTracer("bench").spanBuilder("request").startSpan();
    scope = span.makeCurrent();
  }

  /** Ends the span and the SDK. */
  @TearDown(Level.Trial)
  public void close() {
    scope.close();
    span.end();
    openTelemetry.close();
    metrics.close();
    bareMetrics.close();
  }

  /**
   * The headers of a record, as every send creates them.
   *
   * @return the headers
   */
  @Benchmark
  public RecordHeaders headersOnly() {
    return new RecordHeaders();
  }

  /**
   * The headers with the current trace context written into them.
   *
   * @return the headers
   */
  @Benchmark
  public RecordHeaders headersWithTraceContext() {
    RecordHeaders h = new RecordHeaders();
    tracer.inject(h);
    return h;
  }

  /** One acknowledged send reported to the Micrometer observer, plus the clock read it needs. */
  @Benchmark
  public void observerOnAcknowledgement() {
    long start = System.nanoTime();
    latency = (latency * 7 + (System.nanoTime() - start)) >>> 3;
    metrics.onSend("ratings", SendOutcome.Status.ACKNOWLEDGED, 1, latency + 500_000);
  }

  /** The same with no client-side percentiles ({@code MeterOptions.noPercentiles()}). */
  @Benchmark
  public void observerWithoutPercentiles() {
    long start = System.nanoTime();
    latency = (latency * 7 + (System.nanoTime() - start)) >>> 3;
    bareMetrics.onSend("ratings", SendOutcome.Status.ACKNOWLEDGED, 1, latency + 500_000);
  }
}
