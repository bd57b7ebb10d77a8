package io.recsys.ratings.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.recsys.ratings.client.consumer.ConsumerObserver;
import io.recsys.ratings.client.consumer.PartitionProgress;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import io.recsys.ratings.client.consumer.RecordKind;
import io.recsys.ratings.client.consumer.RecordOutcome;
import io.recsys.ratings.micrometer.ConsumerMetrics;
import io.recsys.ratings.micrometer.MeterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server for {@code --metrics-port}: {@code GET /metrics} answers the Prometheus text
 * exposition format (version 0.0.4) of a registry with the consumer's meters and the Kafka
 * consumer's own metrics; {@code GET /health} answers the consumer's health as JSON (200 when up,
 * 503 when not). One daemon thread serves both.
 */
final class MetricsEndpoint implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConsumerMetrics metrics =
      ConsumerMetrics.create(registry, MeterOptions.defaults().clientId("ratings-cli"));
  private final ConsumerHealthSource consumerHealth = new ConsumerHealthSource();
  private final HealthSource health = consumerHealth;
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ratings-metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/metrics", this::metrics);
    server.createContext("/health", this::health);
    server.start();
  }

  /** Starts serving on {@code port} (0: a free one) and prints the address on {@code err}. */
  static MetricsEndpoint start(int port, PrintWriter err) {
    MetricsEndpoint endpoint;
    try {
      endpoint = new MetricsEndpoint(port);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED, "Could not serve metrics on port " + port + ": " + e.getMessage());
    }
    err.println(
        "metrics: serving http://localhost:"
            + endpoint.port()
            + "/metrics (Prometheus) and /health");
    err.flush();
    return endpoint;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * The observer to give to the consumer's builder: the meters and the health. One observer serves
   * every member of a runtime (each partition's lag gauge follows the member that has it).
   */
  ConsumerObserver observer() {
    return new ConsumerObserver() {
      @Override
      public void onRecord(
          String topic, int partition, RecordOutcome outcome, RecordKind kind, long nanos) {
        metrics.onRecord(topic, partition, outcome, kind, nanos);
        consumerHealth.onRecord(topic, partition, outcome, kind, nanos);
      }

      @Override
      public void onPartitions(List<PartitionProgress> partitions) {
        metrics.onPartitions(partitions);
      }
    };
  }

  /** The consumer was built: its Kafka client metrics are bound and its health is served. */
  void consumerStarted(RatingConsumer consumer) {
    metrics.bindKafkaClientMetrics(consumer);
    consumerHealth.serve(consumer::health);
  }

  /**
   * The runtime was started: the Kafka client metrics of all its consumers are bound and its health
   * (every consumer's) is served.
   */
  void runtimeStarted(RatingConsumerRuntime runtime) {
    metrics.bindKafkaClientMetrics(runtime);
    consumerHealth.serve(runtime::health);
  }

  /** The consumer's (or runtime's) run ended. */
  void consumerStopped() {
    consumerHealth.serve(null);
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
      return;
    }
    respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape(PROMETHEUS_TEXT));
  }

  private void health(HttpExchange exchange) throws IOException {
    boolean up = health.up();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.putAll(health.details());
    respond(exchange, up ? 200 : 503, "application/json", Json.write(body) + "\n");
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    metrics.close();
    registry.close();
  }
}
