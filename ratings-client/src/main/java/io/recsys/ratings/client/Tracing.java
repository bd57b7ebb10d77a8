package io.recsys.ratings.client;

import io.opentelemetry.api.OpenTelemetry;
import io.recsys.ratings.client.internal.OpenTelemetrySupport;
import io.recsys.ratings.client.internal.RecordTracer;

/**
 * W3C trace context through record headers, with the OpenTelemetry API: the producer writes the
 * current context ({@code traceparent}, {@code tracestate}) into the headers of each record, and
 * the consumer runs the handler inside a {@code CONSUMER} span whose parent is the context in the
 * record's headers, so the spans the handler starts are part of the producer's trace. Dead letters,
 * retry-topic records and retries keep the trace headers.
 *
 * <p>The OpenTelemetry API ({@code io.opentelemetry:opentelemetry-api}) is an optional dependency
 * of this module: add it to the application to trace. Without it {@link #global()} is off and
 * nothing fails. Tracing is off by default ({@link #off()}): then the clients make no tracing call
 * at all.
 *
 * <pre>{@code
 * RatingProducer producer = RatingProducer.builder()
 *     .bootstrapServers("localhost:9092")
 *     .tracing(Tracing.of(openTelemetry))
 *     .build();
 * }</pre>
 *
 * <p>Only {@link #of(OpenTelemetry)} names an OpenTelemetry type: call it only with the API on the
 * class path.
 */
public final class Tracing {
  private static final Tracing OFF = new Tracing(null);

  private final RecordTracer tracer;

  private Tracing(RecordTracer tracer) {
    this.tracer = tracer;
  }

  /**
   * No tracing (the default of the builders).
   *
   * @return tracing off
   */
  public static Tracing off() {
    return OFF;
  }

  /**
   * Tracing with {@code GlobalOpenTelemetry} (read at each use, so it may be set after the client
   * is built); off if the OpenTelemetry API is not on the class path.
   *
   * @return tracing with the global OpenTelemetry, or {@link #off()}
   */
  public static Tracing global() {
    RecordTracer t = OpenTelemetrySupport.tracer(null);
    return t == null ? OFF : new Tracing(t);
  }

  /**
   * Tracing with a given OpenTelemetry instance: its tracer provider, and its text-map propagator
   * (the W3C trace-context propagator if it has none configured).
   *
   * @param openTelemetry the instance
   * @return tracing with that instance
   * @throws NullPointerException if {@code openTelemetry} is null
   */
  public static Tracing of(OpenTelemetry openTelemetry) {
    if (openTelemetry == null) {
      throw new NullPointerException("openTelemetry");
    }
    RecordTracer t = OpenTelemetrySupport.tracer(openTelemetry);
    return t == null ? OFF : new Tracing(t);
  }

  /**
   * Whether the OpenTelemetry API is on the class path (checked once).
   *
   * @return true if it is
   */
  public static boolean apiAvailable() {
    return OpenTelemetrySupport.available();
  }

  /**
   * Whether this traces anything.
   *
   * @return false for {@link #off()} (or {@link #global()} without the API)
   */
  public boolean enabled() {
    return tracer != null;
  }

  /**
   * The implementation the clients use; not API.
   *
   * @return the tracer, or null when off
   */
  public RecordTracer recordTracer() {
    return tracer;
  }

  @Override
  public String toString() {
    return enabled() ? "Tracing[OpenTelemetry]" : "Tracing[off]";
  }
}
