package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ratings consume --metrics-port 0} as a user runs it (the built jar): it prints the
 * address, serves {@code /metrics} in the Prometheus text format, which the strict {@link
 * PrometheusText} parser accepts, with the ratings meters counting exactly the records of the run
 * and Kafka's consumer metrics, and serves {@code /health} as JSON.
 */
@IntegrationTest
@WithKafka
class MetricsPortIntegrationTest {
  private static final int VALID = 30;
  private static final int MALFORMED = 4;
  private static final Pattern ADDRESS =
      Pattern.compile("metrics: serving http://localhost:(\\d+)/metrics");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void scrapeParsesAndShowsTheRatingsMeters(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    String topic = "prom-ratings";
    kafka.createTopic(topic, 2, 1);
    kafka.createTopic("ratings.dlq", 1, 1);
    RatingCodec codec = RatingCodec.defaults();
    long now = System.currentTimeMillis();
    for (int i = 0; i < VALID; i++) {
      kafka.produce(
          topic, utf8(Integer.toString(i)), codec.encode(new RatingEvent(1 + i, 2, 3.5, now)));
    }
    for (int i = 0; i < MALFORMED; i++) {
      kafka.produce(topic, utf8("x"), utf8("{not json " + i));
    }

    try (JarProcess consume =
        JarProcess.start(
            dir,
            "consume",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            topic,
            "--group",
            "prom-group",
            "--dlq",
            "--timeout",
            "0",
            "--metrics-port",
            "0",
            "--output",
            "json")) {
      int port = awaitPort(consume);
      Map<String, PrometheusText.Family> families = null;
      String scrape = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        assertThat(consume.isAlive()).as("consumer running; stderr: %s", consume.err()).isTrue();
        scrape = get(port, "/metrics", 200);
        families = PrometheusText.parse(scrape); // every scrape parses
        if (records(families, "handled", "valid") == VALID
            && records(families, "dead_lettered", "malformed") == MALFORMED
            && families.containsKey("ratings_consumer_lag")
            && families.get("ratings_consumer_lag").samples().size() == 2) {
          // the positions (lag gauges) are reported about once a second
          break;
        }
        Thread.sleep(200);
      }
      assertThat(records(families, "handled", "valid")).as(scrape).isEqualTo(VALID);
      assertThat(records(families, "dead_lettered", "malformed")).isEqualTo(MALFORMED);
      assertThat(families.get("ratings_consumer_records_total").type()).isEqualTo("counter");

      PrometheusText.Family latency = families.get("ratings_consumer_handle_latency_seconds");
      assertThat(latency.type()).isEqualTo("summary");
      assertThat(
              latency.samples().stream()
                  .filter(s -> s.name().endsWith("_count"))
                  .filter(s -> "handled".equals(s.labels().get("outcome")))
                  .mapToDouble(PrometheusText.Sample::value)
                  .sum())
          .isEqualTo(VALID);
      assertThat(families.get("ratings_consumer_lag").type()).isEqualTo("gauge");
      assertThat(families.get("ratings_consumer_lag").samples())
          .extracting(s -> s.labels().get("partition"))
          .containsExactlyInAnyOrder("0", "1");
      assertThat(families.keySet()).anyMatch(name -> name.startsWith("kafka_consumer_"));

      JsonNode health = new ObjectMapper().readTree(get(port, "/health", 200));
      assertThat(health.get("status").asText()).isEqualTo("UP");
      assertThat(health.get("running").asBoolean()).isTrue();
      assertThat(health.get("records").asLong()).isEqualTo(VALID + MALFORMED);
      assertThat(health.get("assignedPartitions").asInt()).isEqualTo(2);

      consume.terminate();
      consume.awaitExit(Duration.ofSeconds(30));
      JsonNode summary = CliResult.parseSingleJsonObject(consume.out());
      assertThat(summary.get("valid").asLong()).isEqualTo(VALID);
    }
  }

  @Test
  void withConcurrencyTheEndpointServesTheRuntimesHealthLagAndKafkaMetricsOfEveryConsumer(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    String topic = "prom-runtime";
    kafka.createTopic(topic, 4, 1);
    RatingCodec codec = RatingCodec.defaults();
    long now = System.currentTimeMillis();
    for (int i = 0; i < VALID; i++) {
      kafka.produce(
          topic, utf8(Integer.toString(i)), codec.encode(new RatingEvent(1 + i, 2, 3.5, now)));
    }

    try (JarProcess consume =
        JarProcess.start(
            dir,
            "consume",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            topic,
            "--group",
            "prom-runtime-group",
            "--concurrency",
            "2",
            "--timeout",
            "0",
            "--metrics-port",
            "0",
            "--output",
            "json")) {
      int port = awaitPort(consume);
      Map<String, PrometheusText.Family> families = Map.of();
      JsonNode health = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        assertThat(consume.isAlive()).as("consumers running; stderr: %s", consume.err()).isTrue();
        families = PrometheusText.parse(get(port, "/metrics", 200));
        HttpResponse<String> response = send(port, "/health");
        health = new ObjectMapper().readTree(response.body());
        if (records(families, "handled", "valid") == VALID
            && response.statusCode() == 200
            && lagPartitions(families).size() == 4) {
          break;
        }
        assertThat(response.statusCode()).as("health: %s", response.body()).isIn(200, 503);
        Thread.sleep(200);
      }
      assertThat(records(families, "handled", "valid")).isEqualTo(VALID);
      assertThat(health.get("status").asText()).as("%s", health).isEqualTo("UP");
      assertThat(health.get("ready").asBoolean()).isTrue();
      assertThat(health.get("consumers").asInt()).isEqualTo(2);
      assertThat(health.get("assignedPartitions").asInt()).isEqualTo(4);
      assertThat(health.get("records").asLong()).isEqualTo(VALID);
      // each partition's lag gauge is kept by the consumer that has it: the two consumers report
      // in turn (each about once a second) and neither removes the other's gauges
      for (int scrape = 0; scrape < 8; scrape++) {
        assertThat(lagPartitions(PrometheusText.parse(get(port, "/metrics", 200))))
            .as("lag gauges, scrape %d", scrape)
            .containsExactlyInAnyOrder("0", "1", "2", "3");
        Thread.sleep(300);
      }
      // the Kafka consumer metrics of both consumers, each with its client id
      assertThat(
              families.entrySet().stream()
                  .filter(e -> e.getKey().startsWith("kafka_consumer_"))
                  .flatMap(e -> e.getValue().samples().stream())
                  .map(sample -> sample.labels().get("client_id"))
                  .distinct())
          .contains("ratings-cli-consumer-0", "ratings-cli-consumer-1");

      consume.terminate();
      consume.awaitExit(Duration.ofSeconds(60));
      JsonNode summary = CliResult.parseSingleJsonObject(consume.out());
      assertThat(summary.get("valid").asLong()).isEqualTo(VALID);
    }
  }

  private static double records(
      Map<String, PrometheusText.Family> families, String outcome, String kind) {
    PrometheusText.Family f = families.get("ratings_consumer_records_total");
    if (f == null) {
      return 0;
    }
    return f.samples().stream()
        .filter(s -> outcome.equals(s.labels().get("outcome")))
        .filter(s -> kind.equals(s.labels().get("kind")))
        .mapToDouble(PrometheusText.Sample::value)
        .sum();
  }

  /** The partitions that have a lag gauge. */
  private static List<String> lagPartitions(Map<String, PrometheusText.Family> families) {
    PrometheusText.Family f = families.get("ratings_consumer_lag");
    return f == null
        ? List.of()
        : f.samples().stream().map(sample -> sample.labels().get("partition")).toList();
  }

  private static int awaitPort(JarProcess process) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = ADDRESS.matcher(process.err());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      assertThat(process.isAlive()).as("stderr: %s", process.err()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no metrics address printed; stderr: " + process.err());
  }

  private String get(int port, String path, int expectedStatus)
      throws IOException, InterruptedException {
    HttpResponse<String> response = send(port, path);
    assertThat(response.statusCode()).as(path).isEqualTo(expectedStatus);
    if (path.equals("/metrics")) {
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue(MetricsEndpoint.PROMETHEUS_TEXT);
    }
    return response.body();
  }

  private HttpResponse<String> send(int port, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
