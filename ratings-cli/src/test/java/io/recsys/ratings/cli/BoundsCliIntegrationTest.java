package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bounds} on the broker: a movie id above ML-20M's 131,262 (as in a current MovieLens
 * file) is rejected by default and sent with {@code --bounds ml-32m}; {@code consume} classifies it
 * by the bounds it is given.
 */
@IntegrationTest
@WithKafka
class BoundsCliIntegrationTest {

  @Test
  void aMovieAboveMl20mIsRejectedByDefaultAndPassesWithMl32m(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    String topic = "bounds-ratings";
    kafka.createTopic(topic, 2, 1);
    long now = System.currentTimeMillis() / 1000;
    Path csv = dir.resolve("ratings.csv");
    Files.writeString(
        csv, MovieLensCsv.HEADER + "\n" + "7,200000,4.5," + now + "\n" + "8,318,5.0," + now + "\n");
    String servers = kafka.bootstrapServers();

    CliResult byDefault =
        CliResult.run(
            "produce",
            "--bootstrap-servers",
            servers,
            "--topic",
            topic,
            "--csv",
            csv.toString(),
            "--output",
            "json");
    assertThat(byDefault.exitCode()).as(byDefault.toString()).isZero();
    assertThat(byDefault.json().get("rejected").asLong()).isEqualTo(1);
    assertThat(byDefault.json().get("sent").asLong()).isEqualTo(1);

    CliResult ml32m =
        CliResult.run(
            "produce",
            "--bootstrap-servers",
            servers,
            "--topic",
            topic,
            "--csv",
            csv.toString(),
            "--bounds",
            "ml-32m",
            "--output",
            "json");
    assertThat(ml32m.exitCode()).as(ml32m.toString()).isZero();
    assertThat(ml32m.json().get("rejected").asLong()).isZero();
    assertThat(ml32m.json().get("sent").asLong()).isEqualTo(2);
    assertThat(kafka.awaitRecords(topic, 3, Duration.ofSeconds(30))).hasSize(3);

    JsonNode consumed32 = consume(servers, topic, "bounds-32m", "--bounds", "ml-32m");
    assertThat(consumed32.get("total").asLong()).isEqualTo(3);
    assertThat(consumed32.get("valid").asLong()).isEqualTo(3);
    assertThat(consumed32.get("invalid").asLong()).isZero();

    JsonNode explicit =
        consume(servers, topic, "bounds-explicit", "--bounds", "users=1..10,movies=1..200000");
    assertThat(explicit.get("valid").asLong()).isEqualTo(3);

    JsonNode consumed20 = consume(servers, topic, "bounds-20m");
    assertThat(consumed20.get("valid").asLong()).isEqualTo(2);
    assertThat(consumed20.get("invalid").asLong()).isEqualTo(1);
  }

  private static JsonNode consume(String servers, String topic, String group, String... extra) {
    String[] base = {
      "consume",
      "--bootstrap-servers",
      servers,
      "--topic",
      topic,
      "--group",
      group,
      "--max-messages",
      "3",
      "--timeout",
      "30",
      "--output",
      "json"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CliResult result = CliResult.run(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result.json();
  }
}
