package io.recsys.ratings.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.client.consumer.FailurePolicy;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context on a real broker, with the OpenTelemetry SDK and an in-memory exporter: a span
 * started before {@code send} is the parent of the consumer span the handler runs in, whose child
 * is the handler's own span; the dead letter of a record keeps its {@code traceparent}.
 */
@IntegrationTest
@WithKafka
class TracingIntegrationTest {
  private static final int FAILING_MOVIE = 666;

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetry openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private final Tracer tracer = openTelemetry.getTracer("test");

  @Test
  void theSpanAroundSendIsTheParentOfTheHandlersSpanAndDeadLettersKeepTheContext(KafkaCluster kafka)
      throws Exception {
    String topic = "traced";
    String dlq = "traced.dlq";
    kafka.createTopic(topic, 2, 1);
    kafka.createTopic(dlq, 1, 1);
    String bootstrap = kafka.bootstrapServers();
    long now = System.currentTimeMillis();

    Span request = tracer.spanBuilder("rate a movie").startSpan();
    Span failing = tracer.spanBuilder("rate a failing movie").startSpan();
    // tag::producer-tracing[]
    try (RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers(bootstrap)
            .topic(topic)
            .tracing(Tracing.of(openTelemetry)) // or Tracing.global()
            .build()) {
      try (Scope scope = request.makeCurrent()) {
        producer.send(new RatingEvent(1, 296, 4.5, now)); // carries the request's traceparent
      }
      // end::producer-tracing[]
      try (Scope scope = failing.makeCurrent()) {
        producer.send(new RatingEvent(2, FAILING_MOVIE, 1.0, now));
      }
      producer.send(new RatingEvent(3, 1, 3.0, now)); // no current span: no trace headers
      producer.flush();
    } finally {
      request.end();
      failing.end();
    }

    // tag::consumer-tracing[]
    RatingConsumerBuilder builder =
        RatingConsumer.builder()
            .bootstrapServers(bootstrap)
            .groupId("traced")
            .topic(topic)
            .tracing(Tracing.of(openTelemetry))
            .handler(
                (event, ctx) -> {
                  // runs inside the CONSUMER span "process <topic>", a child of the sender's span
                  Span work = tracer.spanBuilder("update model").startSpan();
                  try (Scope scope = work.makeCurrent()) {
                    handle(event);
                  } finally {
                    work.end();
                  }
                });
    // end::consumer-tracing[]
    RatingConsumer consumer =
        builder
            .properties(kafka.clientProperties())
            .deadLetterTopic(dlq)
            .failurePolicy(FailurePolicy.builder().noRetries().build())
            .maxMessages(3)
            .idleTimeout(Duration.ofSeconds(60))
            .pollTimeout(Duration.ofMillis(200))
            .build();
    ConsumerResult result;
    try (consumer) {
      result = consumer.run();
    }
    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData process = consumerSpanOf(spans, request.getSpanContext().getSpanId());
    assertThat(process.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    assertThat(process.getName()).isEqualTo("process " + topic);
    assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.system")))
        .isEqualTo("kafka");
    assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
        .isEqualTo(topic);
    assertThat(process.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset")))
        .isNotNull();
    assertThat(
            process
                .getAttributes()
                .get(AttributeKey.stringKey("messaging.destination.partition.id")))
        .isNotNull();
    SpanData work =
        spans.stream()
            .filter(s -> s.getName().equals("update model"))
            .filter(s -> s.getParentSpanId().equals(process.getSpanId()))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no handler span under " + process + ": " + spans));
    assertThat(work.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());

    SpanData failed = consumerSpanOf(spans, failing.getSpanContext().getSpanId());
    assertThat(failed.getStatus().getStatusCode())
        .isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    // the record sent without a current span starts a trace of its own
    assertThat(
            spans.stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER)
                .filter(s -> !s.getParentSpanContext().isValid())
                .count())
        .isEqualTo(1);

    ConsumerRecord<byte[], byte[]> deadLetter = readOne(kafka, dlq);
    String traceparent = header(deadLetter, "traceparent");
    assertThat(traceparent)
        .isEqualTo(
            "00-"
                + failing.getSpanContext().getTraceId()
                + "-"
                + failing.getSpanContext().getSpanId()
                + "-"
                + failing.getSpanContext().getTraceFlags().asHex());
    assertThat(header(deadLetter, DeadLetterHeaders.KIND)).isEqualTo("PROCESSING_ERROR");
  }

  private static void handle(RatingEvent event) {
    if (event.movieId() == FAILING_MOVIE) {
      throw new IllegalArgumentException("unknown movie " + FAILING_MOVIE);
    }
  }

  private static SpanData consumerSpanOf(List<SpanData> spans, String parentSpanId) {
    return spans.stream()
        .filter(s -> s.getKind() == SpanKind.CONSUMER)
        .filter(s -> s.getParentSpanId().equals(parentSpanId))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no consumer span under " + parentSpanId + ": " + spans));
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static ConsumerRecord<byte[], byte[]> readOne(KafkaCluster kafka, String topic) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "traced-dlq-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          return r;
        }
      }
    }
    throw new AssertionError("no record in " + topic);
  }
}
