package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consume --concurrency N} (several consumers in one process) and {@code --publish-stats}
 * against a real broker; {@code verify} shows the metrics topic filled.
 */
@IntegrationTest
@WithKafka
class ConsumeConcurrencyIntegrationTest {

  private static CliResult cli(KafkaCluster kafka, String command, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = command;
    all[1] = "--bootstrap-servers";
    all[2] = kafka.bootstrapServers();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliResult.run(all);
  }

  @Test
  void threeConsumersSumUpToEveryRecordAndPublishTheirStatsWhichVerifyShows(KafkaCluster kafka) {
    String topic = "cc-ratings";
    String metrics = "cc-metrics";
    kafka.createTopic(topic, 6, 1);
    kafka.createTopic(metrics, 1, 1);
    CliResult produced = cli(kafka, "produce", "--topic", topic, "--count", "600");
    assertThat(produced.exitCode()).as(produced.toString()).isZero();

    CliResult consumed =
        cli(
            kafka,
            "consume",
            "--topic",
            topic,
            "--group",
            "cc-group",
            "--concurrency",
            "3",
            "--timeout",
            "3",
            "--publish-stats",
            "--metrics-topic",
            metrics,
            "--output",
            "json");

    assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
    JsonNode json = consumed.json();
    assertThat(json.get("total").asLong()).isEqualTo(600);
    assertThat(json.get("valid").asLong()).isEqualTo(600);
    assertThat(json.get("stopReason").asText()).isEqualTo("IDLE_TIMEOUT");
    assertThat(consumed.err())
        .contains("consumer ratings-cli-consumer-0:")
        .contains("consumer ratings-cli-consumer-1:")
        .contains("consumer ratings-cli-consumer-2:");
    assertThat(kafka.lag("cc-group", topic)).isZero();

    Map<String, Long> countBySource = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        kafka.awaitRecords(metrics, 3, Duration.ofSeconds(30))) {
      Optional<MetricsEvent> event = MetricsCodec.decode(r.value());
      assertThat(event).as("a MetricsEvent").isPresent();
      countBySource.merge(event.get().source(), event.get().count(), Long::sum);
    }
    assertThat(countBySource)
        .containsOnlyKeys(
            "ratings-cli-consumer-0", "ratings-cli-consumer-1", "ratings-cli-consumer-2");
    assertThat(countBySource.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(600);

    // --publish-stats alone: the default metrics topic, which verify reads
    CliResult created = cli(kafka, "create-topics");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    CliResult single =
        cli(
            kafka,
            "consume",
            "--topic",
            topic,
            "--group",
            "cc-group",
            "--timeout",
            "1",
            "--publish-stats");
    assertThat(single.exitCode()).as(single.toString()).isZero();
    CliResult verified = cli(kafka, "verify", "--group", "cc-group", "--output", "json");
    JsonNode metricsTopic = verified.json().get("metricsTopic");
    assertThat(metricsTopic.get("topic").asText()).isEqualTo("metrics");
    assertThat(metricsTopic.get("decodable").asLong()).isPositive();
    assertThat(metricsTopic.get("bySource").has("ratings-cli-consumer")).isTrue();
    CliResult text = cli(kafka, "verify", "--group", "cc-group");
    assertThat(text.out())
        .containsPattern(
            "Metrics topic 'metrics': [\\d,]+ record\\(s\\); of the latest [\\d,]+ read,"
                + " [1-9][\\d,]* decode as MetricsEvents");
  }

  @Test
  void ctrlCDrainsEveryConsumerPrintsOneSummaryAndCommits(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    String topic = "cc-signal";
    kafka.createTopic(topic, 4, 1);
    CliResult produced = cli(kafka, "produce", "--topic", topic, "--count", "400");
    assertThat(produced.exitCode()).as(produced.toString()).isZero();

    try (JarProcess consume =
        JarProcess.start(
            dir,
            "consume",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            topic,
            "--group",
            "cc-signal-group",
            "--concurrency",
            "2",
            "--timeout",
            "0",
            "--output",
            "json")) {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (kafka.lag("cc-signal-group", topic) != 0 && System.nanoTime() < deadline) {
        assertThat(consume.isAlive())
            .as("consumers still running; stderr: %s", consume.err())
            .isTrue();
        Thread.sleep(200);
      }
      assertThat(kafka.lag("cc-signal-group", topic)).as("consumed and committed").isZero();
      assertThat(consume.isAlive()).as("--timeout 0 waits until stopped").isTrue();

      consume.terminate();
      int exit = consume.awaitExit(Duration.ofSeconds(60));

      JsonNode summary = CliResult.parseSingleJsonObject(consume.out());
      assertThat(summary.get("stopReason").asText()).isEqualTo("STOPPED");
      assertThat(summary.get("total").asLong()).isEqualTo(400);
      assertThat(exit).as("terminated by a signal: 128 + 15").isEqualTo(143);
      assertThat(consume.err()).contains("consumer ratings-cli-consumer-1:");
    }
    assertThat(kafka.lag("cc-signal-group", topic)).isZero();
  }
}
