package io.recsys.ratings.client.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The {@link RecordTracer} over the OpenTelemetry API: created only by {@link OpenTelemetrySupport}
 * once it found the API on the class path.
 *
 * <p>The propagator is the instance's text-map propagator, or the W3C trace-context propagator if
 * the instance has none configured. The consumer span follows OpenTelemetry's messaging semantic
 * conventions: kind {@code CONSUMER}, name {@code process <topic>}, attributes {@code
 * messaging.system=kafka}, {@code messaging.destination.name}, {@code
 * messaging.destination.partition.id}, {@code messaging.kafka.offset}, {@code
 * messaging.operation.type=process} and {@code messaging.consumer.group.name}.
 */
final class OpenTelemetryRecordTracer implements RecordTracer {
  static final String INSTRUMENTATION = "io.recsys.ratings.client";

  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> PARTITION =
      AttributeKey.stringKey("messaging.destination.partition.id");
  private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  private static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  private static final AttributeKey<String> GROUP =
      AttributeKey.stringKey("messaging.consumer.group.name");

  private static final TextMapSetter<Headers> SETTER =
      (headers, key, value) -> {
        if (headers != null) {
          headers.remove(key);
          headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
      };

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> keys = new ArrayList<>();
          for (Header h : headers) {
            keys.add(h.key());
          }
          return keys;
        }

        @Override
        public String get(Headers headers, String key) {
          if (headers == null) {
            return null;
          }
          Header h = headers.lastHeader(key);
          return h == null || h.value() == null
              ? null
              : new String(h.value(), StandardCharsets.UTF_8);
        }
      };

  private final OpenTelemetry fixed; // null: GlobalOpenTelemetry, read at each use
  private volatile Bound bound;

  /**
   * Creates the tracer.
   *
   * @param openTelemetry an {@link OpenTelemetry}, or null for {@link GlobalOpenTelemetry}
   */
  OpenTelemetryRecordTracer(Object openTelemetry) {
    this.fixed = (OpenTelemetry) openTelemetry;
    this.bound = fixed == null ? null : new Bound(fixed);
  }

  /** The tracer and propagator of one OpenTelemetry instance. */
  private record Bound(OpenTelemetry otel, Tracer tracer, TextMapPropagator propagator) {
    Bound(OpenTelemetry otel) {
      this(otel, otel.getTracer(INSTRUMENTATION), propagatorOf(otel));
    }

    private static TextMapPropagator propagatorOf(OpenTelemetry otel) {
      TextMapPropagator p = otel.getPropagators().getTextMapPropagator();
      return p.fields().isEmpty() ? W3CTraceContextPropagator.getInstance() : p;
    }
  }

  private Bound bound() {
    if (fixed != null) {
      return bound;
    }
    OpenTelemetry global = GlobalOpenTelemetry.get();
    Bound b = bound;
    if (b == null || b.otel() != global) {
      b = new Bound(global);
      bound = b;
    }
    return b;
  }

  @Override
  public void inject(Headers headers) {
    Context current = Context.current();
    if (!Span.fromContext(current).getSpanContext().isValid()) {
      return;
    }
    bound().propagator().inject(current, headers, SETTER);
  }

  @Override
  public void handle(ConsumerRecord<?, ?> record, String groupId, Call call) throws Exception {
    Bound b = bound();
    Context parent = b.propagator().extract(Context.root(), record.headers(), GETTER);
    var builder =
        b.tracer()
            .spanBuilder("process " + record.topic())
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(SYSTEM, "kafka")
            .setAttribute(DESTINATION, record.topic())
            .setAttribute(PARTITION, Integer.toString(record.partition()))
            .setAttribute(OFFSET, record.offset())
            .setAttribute(OPERATION_TYPE, "process")
            .setAttribute(OPERATION_NAME, "process");
    if (groupId != null) {
      builder.setAttribute(GROUP, groupId);
    }
    Span span = builder.startSpan();
    try (Scope ignored = span.makeCurrent()) {
      call.run();
    } catch (Exception | Error e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }
}
