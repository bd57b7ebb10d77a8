package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code produce --csv} with lines a reader cannot hold as text (invalid UTF-8, a NUL, a line far
 * longer than the bound) among thousands of good ones: each is reported with its true line number
 * and skipped, every good line is sent once, and the summary is printed.
 */
@IntegrationTest
@WithKafka
class ProduceCsvIntegrationTest {

  @Test
  void badLinesAreSkippedWithTheirLineNumbersAndTheRunGoesOn(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    kafka.createTopic("produce-bad-csv", 3, 1);
    long now = System.currentTimeMillis() / 1000;
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    write(csv, MovieLensCsv.HEADER + "\n");
    int good = 0;
    for (int i = 1; i <= 3000; i++) { // lines 2..3001
      write(csv, i + ",1,4.0," + now + "\n");
      good++;
    }
    csv.write(new byte[] {'7', ',', '1', ',', (byte) 0xFF, ',', '1', '\n'}); // line 3002
    write(csv, "8,1,4.0," + now + "\0\n"); // line 3003
    write(csv, "9,1," + "5".repeat(200_000) + "," + now + "\n"); // line 3004
    for (int i = 1; i <= 1000; i++) { // lines 3005..4004
      write(csv, (5000 + i) + ",2,3.5," + now + "\n");
      good++;
    }
    Path file = dir.resolve("ratings.csv");
    Files.write(file, csv.toByteArray());

    CliResult result =
        CliResult.run(
            "produce",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            "produce-bad-csv",
            "--csv",
            file.toString(),
            "--output",
            "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("events").asLong()).isEqualTo(good);
    assertThat(json.get("sent").asLong()).isEqualTo(good);
    assertThat(json.get("skippedLines").asLong()).isEqualTo(3);
    assertThat(json.get("sourceFailed").asBoolean()).isFalse();
    assertThat(result.err())
        .contains("line 3002: not valid UTF-8 (at byte 5 of the line)")
        .contains("line 3003: NUL character at byte")
        .contains("line 3004: line longer than 65536 bytes")
        .doesNotContain("Exception");
    assertThat(kafka.awaitRecords("produce-bad-csv", good, Duration.ofSeconds(30))).hasSize(good);
  }

  /**
   * The input breaks off after events were acknowledged (a read error): the run still settles what
   * was sent and returns its summary, marked as broken off, with the error.
   */
  @Test
  void aReadErrorMidwayStillGivesTheSummaryOfWhatWasSent(KafkaCluster kafka) {
    kafka.createTopic("produce-broken-input", 1, 1);
    long now = System.currentTimeMillis();
    java.util.Iterator<io.recsys.ratings.schema.RatingEvent> source =
        new java.util.Iterator<>() {
          private int n;

          @Override
          public boolean hasNext() {
            if (n == 250) {
              throw new java.io.UncheckedIOException(
                  "reading ratings line 252", new java.io.IOException("Input/output error"));
            }
            return true;
          }

          @Override
          public io.recsys.ratings.schema.RatingEvent next() {
            n++;
            return new io.recsys.ratings.schema.RatingEvent(n, 1, 4.0, now);
          }
        };
    java.io.StringWriter err = new java.io.StringWriter();

    ProduceSummary summary =
        new ProduceRun(
                ClientSettings.of(kafka.bootstrapServers()), "produce-broken-input", Duration.ZERO)
            .run(source, -1, () -> false, () -> 0, new java.io.PrintWriter(err, true));

    assertThat(summary.sourceFailed()).isTrue();
    assertThat(summary.events()).isEqualTo(250);
    assertThat(summary.sent()).isEqualTo(250);
    assertThat(summary.firstError()).contains("after 250 events").contains("Input/output error");
    assertThat(summary.toText()).contains("(input broke off)");
    assertThat(err.toString()).contains("error: reading the input failed after 250 events");
    assertThat(kafka.awaitRecords("produce-broken-input", 250, Duration.ofSeconds(30)))
        .hasSize(250);
  }

  private static void write(ByteArrayOutputStream out, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }
}
