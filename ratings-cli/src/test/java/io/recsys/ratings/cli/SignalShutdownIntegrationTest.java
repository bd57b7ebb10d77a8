package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar in a child JVM against the testkit broker: Ctrl+C-style shutdown of {@code consume}
 * (SIGTERM runs the same shutdown hook as SIGINT), and stdout holding nothing but the JSON summary
 * in a real process (logs go to stderr).
 */
@IntegrationTest
@WithKafka
class SignalShutdownIntegrationTest {

  @Test
  void consumeStopsOnSignalPrintsItsSummaryAndCommits(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    String topic = "signal-topic";
    kafka.createTopic(topic, 3, 1);
    RatingGenerator generator = RatingGenerator.of(8);
    for (int i = 0; i < 200; i++) {
      RatingGenerator.Payload p = generator.nextPayload();
      kafka.produce(topic, p.key(), p.value());
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
            "signal-group",
            "--timeout",
            "0",
            "--output",
            "json")) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (kafka.lag("signal-group", topic) != 0 && System.nanoTime() < deadline) {
        assertThat(consume.isAlive())
            .as("consumer still running; stderr: %s", consume.err())
            .isTrue();
        Thread.sleep(200);
      }
      assertThat(kafka.lag("signal-group", topic)).as("consumed and committed all 200").isZero();
      assertThat(consume.isAlive()).as("--timeout 0 waits until stopped").isTrue();

      consume.terminate();
      int exit = consume.awaitExit(Duration.ofSeconds(30));

      JsonNode summary = CliResult.parseSingleJsonObject(consume.out());
      assertThat(summary.get("stopReason").asText()).isEqualTo("STOPPED");
      assertThat(summary.get("total").asLong()).isEqualTo(200);
      assertThat(summary.get("valid").asLong()).isEqualTo(200);
      assertThat(exit).as("terminated by a signal: 128 + 15").isEqualTo(143);
    }
    assertThat(kafka.lag("signal-group", topic)).isZero();
  }

  @Test
  void produceStopsOnSignalAndReportsWhatWasSent(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    String topic = "signal-produce";
    kafka.createTopic(topic, 2, 1);

    try (JarProcess produce =
        JarProcess.start(
            dir,
            "produce",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            topic,
            "--count",
            "1000000",
            "--rate",
            "200",
            "--output",
            "json")) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (total(kafka, topic) < 100 && System.nanoTime() < deadline) {
        assertThat(produce.isAlive())
            .as("producer still running; stderr: %s", produce.err())
            .isTrue();
        Thread.sleep(200);
      }

      produce.terminate();
      int exit = produce.awaitExit(Duration.ofSeconds(30));

      JsonNode summary = CliResult.parseSingleJsonObject(produce.out());
      assertThat(exit).isEqualTo(143);
      assertThat(summary.get("interrupted").asBoolean()).isTrue();
      assertThat(summary.get("failed").asLong()).isZero();
      assertThat(summary.get("sent").asLong())
          .isGreaterThanOrEqualTo(100)
          .isLessThan(1_000_000)
          .isEqualTo(summary.get("events").asLong())
          .isEqualTo(total(kafka, topic));
    }
  }

  private static long total(KafkaCluster kafka, String topic) {
    return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void produceInARealProcessPrintsOnlyJsonOnStdout(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    kafka.createTopic("jar-produce", 2, 1);

    try (JarProcess produce =
        JarProcess.start(
            dir,
            "produce",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            "jar-produce",
            "--count",
            "250",
            "--output",
            "json")) {
      int exit = produce.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).as(produce.err()).isZero();
      JsonNode summary = CliResult.parseSingleJsonObject(produce.out());
      assertThat(summary.get("sent").asLong()).isEqualTo(250);
    }
  }
}
