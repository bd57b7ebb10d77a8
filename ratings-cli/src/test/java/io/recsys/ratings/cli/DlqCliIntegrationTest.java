package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ratings dlq inspect} and {@code ratings dlq replay} through the CLI's entry point against
 * a real broker. Dead letters are written with the headers a consumer gives them; each one's
 * movieId is unique, so the records on a target topic can be counted one by one.
 */
@IntegrationTest
@WithKafka(brokerConfig = "auto.create.topics.enable=false")
class DlqCliIntegrationTest {

  private static DeadLetterFixtures.Letter letter(
      String source, int partition, String kind, String reason, int id) {
    return DeadLetterFixtures.letter(source, partition, kind, reason, id);
  }

  private static void write(KafkaCluster kafka, String dlq, List<DeadLetterFixtures.Letter> letters)
      throws Exception {
    DeadLetterFixtures.write(kafka, dlq, letters);
  }

  private static List<Integer> movieIds(KafkaCluster kafka, String topic, int atLeast) {
    return DeadLetterFixtures.movieIds(kafka, topic, atLeast);
  }

  private static long total(KafkaCluster kafka, String topic) {
    return DeadLetterFixtures.total(kafka, topic);
  }

  private static final RatingCodec CODEC = DeadLetterFixtures.CODEC;
  private static final long T0 = DeadLetterFixtures.T0;
  private static final String INVALID_REASON =
      "rating RATING_OUT_OF_RANGE: rating 7.0 is above 5.0";
  private static final String DB_DOWN = "java.io.IOException: db down";

  private static CliResult cli(KafkaCluster kafka, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "dlq";
    all[1] = args[0];
    all[2] = "--bootstrap-servers=" + kafka.bootstrapServers();
    System.arraycopy(args, 1, all, 3, args.length - 1);
    return CliResult.run(all);
  }

  @Test
  void inspectCountsByKindReasonAndSourcePartitionAndWritesJson(KafkaCluster kafka)
      throws Exception {
    kafka.createTopic("insp.dlq", 3, 1);
    List<DeadLetterFixtures.Letter> letters = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      letters.add(letter("ratings", i % 3, "INVALID", INVALID_REASON, 100 + i));
    }
    for (int i = 0; i < 3; i++) {
      letters.add(letter("ratings", 4, "MALFORMED", "not JSON: unexpected character", 200 + i));
    }
    letters.add(
        new DeadLetterFixtures.Letter("ratings", 5, "PROCESSING_ERROR", DB_DOWN, T0 + 300, 300, 1));
    letters.add(
        new DeadLetterFixtures.Letter("ratings", 5, "PROCESSING_ERROR", DB_DOWN, T0 + 301, 301, 1));
    letters.add(new DeadLetterFixtures.Letter(null, 0, null, null, T0 + 400, 400, null));
    write(kafka, "insp.dlq", letters);

    CliResult json =
        cli(kafka, "inspect", "--topic", "insp.dlq", "--sample", "3", "--output", "json");
    CliResult text = cli(kafka, "inspect", "--topic", "insp.dlq", "--top", "2");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode report = json.json();
    assertThat(report.get("complete").asBoolean()).isTrue();
    assertThat(report.get("records").asLong()).isEqualTo(12);
    assertThat(report.get("byKind").toString())
        .isEqualTo("{\"(none)\":1,\"INVALID\":6,\"MALFORMED\":3,\"PROCESSING_ERROR\":2}");
    assertThat(report.get("byReason").get(0).get("reason").asText()).isEqualTo(INVALID_REASON);
    assertThat(report.get("byReason").get(0).get("count").asLong()).isEqualTo(6);
    assertThat(report.get("byReason").get(1).get("count").asLong()).isEqualTo(3);
    assertThat(report.get("distinctReasons").asInt()).isEqualTo(4);
    assertThat(report.get("bySourcePartition").toString())
        .isEqualTo(
            "{\"(none)\":1,\"ratings-0\":2,\"ratings-1\":2,\"ratings-2\":2,\"ratings-4\":3,"
                + "\"ratings-5\":2}");
    assertThat(report.get("byReplayCount").toString()).isEqualTo("{\"0\":10,\"1\":2}");
    assertThat(report.get("oldest").asText()).isEqualTo(Instant.ofEpochMilli(T0 + 100).toString());
    assertThat(report.get("newest").asText()).isEqualTo(Instant.ofEpochMilli(T0 + 400).toString());
    assertThat(report.get("sample")).hasSize(3);
    assertThat(report.get("sample").get(0).get("value").asText()).contains("\"movieId\":");
    assertThat(report.get("partitions")).hasSize(3);

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .contains("Dead letters in 'insp.dlq'")
        .contains("12 record(s)")
        .containsPattern("INVALID +6 +50.00%")
        .contains("REASON (top 2 of 4)")
        .containsPattern("ratings-4 +3")
        .contains("Sample (first 5)");
    assertThat(total(kafka, "insp.dlq")).as("inspect writes nothing").isEqualTo(12);
  }

  @Test
  void inspectOfAMissingTopicExitsOneNamingIt(KafkaCluster kafka) {
    CliResult result = cli(kafka, "inspect", "--topic", "no-such.dlq");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("Topic 'no-such.dlq' does not exist");
  }

  @Test
  void replayWithFiltersSendsOnlyMatchingDeadLettersBackToTheirSourceOnce(KafkaCluster kafka)
      throws Exception {
    kafka.createTopic("filt.dlq", 2, 1);
    kafka.createTopic("filt-a", 3, 1);
    kafka.createTopic("filt-b", 3, 1);
    List<DeadLetterFixtures.Letter> letters = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      letters.add(letter("filt-a", 0, "INVALID", INVALID_REASON, 1000 + i));
    }
    for (int i = 0; i < 4; i++) {
      letters.add(letter("filt-b", 1, "PROCESSING_ERROR", DB_DOWN, 2000 + i));
    }
    letters.add(
        letter("filt-b", 1, "PROCESSING_ERROR", "java.lang.IllegalStateException: bug", 2100));
    letters.add(
        new DeadLetterFixtures.Letter(
            "filt-b", 2, "PROCESSING_ERROR", DB_DOWN, T0 + 2200, 2200, 2));
    letters.add(
        new DeadLetterFixtures.Letter(
            "filt-b", 2, "PROCESSING_ERROR", DB_DOWN, T0 + 2300, 2300, 3));
    letters.add(
        new DeadLetterFixtures.Letter(null, 0, "PROCESSING_ERROR", DB_DOWN, T0 + 2400, 2400, null));
    write(kafka, "filt.dlq", letters);

    CliResult result =
        cli(
            kafka,
            "replay",
            "--topic",
            "filt.dlq",
            "--kind",
            "processing_error",
            "--reason-contains",
            "DB DOWN",
            "--group",
            "filt-group",
            "--output",
            "json");
    CliResult again =
        cli(
            kafka,
            "replay",
            "--topic",
            "filt.dlq",
            "--kind",
            "processing_error",
            "--reason-contains",
            "DB DOWN",
            "--group",
            "filt-group",
            "--output",
            "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode summary = result.json();
    assertThat(summary.get("read").asLong()).isEqualTo(11);
    assertThat(summary.get("replayed").asLong()).isEqualTo(5);
    assertThat(summary.get("replayedByTopic").toString()).isEqualTo("{\"filt-b\":5}");
    assertThat(summary.get("filteredOut").asLong()).isEqualTo(4);
    assertThat(summary.get("refused").asLong()).isEqualTo(1);
    assertThat(summary.get("noTarget").asLong()).isEqualTo(1);
    assertThat(summary.get("stopReason").asText()).isEqualTo("COMPLETE");
    assertThat(total(kafka, "filt-a")).isZero();
    List<ConsumerRecord<byte[], byte[]>> replayed =
        kafka.awaitRecords("filt-b", 5, Duration.ofSeconds(30));
    assertThat(replayed).hasSize(5);
    assertThat(movieIds(kafka, "filt-b", 5))
        .containsExactlyInAnyOrder(2000, 2001, 2002, 2003, 2200);
    for (ConsumerRecord<byte[], byte[]> r : replayed) {
      int id = ((DecodeResult.Valid) CODEC.decode(r.value())).event().movieId();
      assertThat(DeadLetter.header(r, DeadLetterHeaders.REPLAY_COUNT))
          .isEqualTo(id == 2200 ? "3" : "1");
      assertThat(DeadLetter.header(r, DlqReplayRun.ORIGIN_HEADER)).startsWith("filt.dlq/");
      assertThat(DeadLetter.header(r, DeadLetterHeaders.KIND)).isNull();
      assertThat(DeadLetter.header(r, DeadLetterHeaders.SOURCE_TOPIC)).isNull();
      assertThat(DeadLetter.header(r, "trace-id")).isEqualTo("t" + id);
      assertThat(r.timestamp()).isEqualTo(T0 + id);
      assertThat(new String(r.key(), StandardCharsets.UTF_8))
          .isEqualTo(String.valueOf(1 + id % 50));
    }
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.json().get("read").asLong()).isZero();
    assertThat(total(kafka, "filt-b")).isEqualTo(5);
  }

  @Test
  void replayByTimeWindowToAnotherTopic(KafkaCluster kafka) throws Exception {
    kafka.createTopic("time.dlq", 1, 1);
    kafka.createTopic("time-target", 2, 1);
    List<DeadLetterFixtures.Letter> letters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      letters.add(
          new DeadLetterFixtures.Letter(
              "ratings", 0, "INVALID", INVALID_REASON, T0 + i * 60_000L, 10 + i, null));
    }
    write(kafka, "time.dlq", letters);

    CliResult result =
        cli(
            kafka,
            "replay",
            "--topic",
            "time.dlq",
            "--to",
            "time-target",
            "--since",
            Instant.ofEpochMilli(T0 + 60_000).toString(),
            "--until",
            String.valueOf(T0 + 180_000),
            "--group",
            "time-group");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("replayed to time-target +2");
    assertThat(movieIds(kafka, "time-target", 2)).containsExactlyInAnyOrder(11, 12);
  }

  @Test
  void dryRunPrintsWhatItWouldDoAndSendsAndCommitsNothing(KafkaCluster kafka) throws Exception {
    kafka.createTopic("dry.dlq", 2, 1);
    kafka.createTopic("dry-target", 2, 1);
    List<DeadLetterFixtures.Letter> letters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      letters.add(letter("dry-target", 0, "MALFORMED", "not JSON", 500 + i));
    }
    letters.add(
        new DeadLetterFixtures.Letter("dry-target", 0, "MALFORMED", "not JSON", T0, 505, 3));
    write(kafka, "dry.dlq", letters);

    CliResult json =
        cli(
            kafka,
            "replay",
            "--topic",
            "dry.dlq",
            "--dry-run",
            "--group",
            "dry-group",
            "--output",
            "json");
    CliResult text =
        cli(kafka, "replay", "--topic", "dry.dlq", "--dry-run", "--group", "dry-group");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json().get("dryRun").asBoolean()).isTrue();
    assertThat(json.json().get("replayed").asLong()).isEqualTo(5);
    assertThat(json.json().get("refused").asLong()).isEqualTo(1);
    assertThat(json.json().get("sample")).hasSize(5);
    assertThat(text.out())
        .contains("Dry run of a replay of 'dry.dlq'")
        .containsPattern("would replay to dry-target +5")
        .contains("Would replay (first 5)")
        .contains("-> dry-target (MALFORMED, replay 1)");
    assertThat(total(kafka, "dry-target")).isZero();
    assertThat(kafka.committedOffsets("dry-group", "dry.dlq")).isEmpty();
  }

  @Test
  void replayStoppedByMaxRecordsResumesAndMovesEachRecordOnce(KafkaCluster kafka) throws Exception {
    kafka.createTopic("max.dlq", 3, 1);
    kafka.createTopic("max-target", 3, 1);
    List<DeadLetterFixtures.Letter> letters = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      letters.add(letter("max-target", i % 3, "PROCESSING_ERROR", DB_DOWN, 3000 + i));
    }
    write(kafka, "max.dlq", letters);

    CliResult first =
        cli(
            kafka,
            "replay",
            "--topic",
            "max.dlq",
            "--max-records",
            "25",
            "--group",
            "max-group",
            "--output",
            "json");
    CliResult second =
        cli(
            kafka,
            "replay",
            "--topic",
            "max.dlq",
            "--group",
            "max-group",
            "--max-records",
            "0",
            "--output",
            "json");
    CliResult third =
        cli(kafka, "replay", "--topic", "max.dlq", "--group", "max-group", "--output", "json");
    CliResult otherFilters =
        cli(kafka, "replay", "--topic", "max.dlq", "--group", "max-group", "--kind", "INVALID");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.json().get("replayed").asLong()).isEqualTo(25);
    assertThat(first.json().get("stopReason").asText()).isEqualTo("MAX_RECORDS");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.json().get("replayed").asLong()).isEqualTo(35);
    assertThat(second.json().get("stopReason").asText()).isEqualTo("COMPLETE");
    assertThat(third.json().get("replayed").asLong()).isZero();
    List<Integer> ids = movieIds(kafka, "max-target", 60);
    assertThat(ids).hasSize(60).doesNotHaveDuplicates();
    assertThat(kafka.lag("max-group", "max.dlq")).isZero();
    assertThat(otherFilters.exitCode()).as(otherFilters.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(otherFilters.err()).contains("with other choices").contains("another --group");
  }

  @Test
  void replayWithTheConsumerGroupProtocolResumesAndMovesEachRecordOnce(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    kafka.createTopic("kip848.dlq", 3, 1);
    kafka.createTopic("kip848-target", 3, 1);
    List<DeadLetterFixtures.Letter> letters = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      letters.add(letter("kip848-target", i % 3, "PROCESSING_ERROR", DB_DOWN, 5000 + i));
    }
    write(kafka, "kip848.dlq", letters);
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "group.protocol=consumer\n");

    CliResult first = replayWithConfig(kafka, config, "--max-records", "15");
    CliResult rest = replayWithConfig(kafka, config);

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.json().get("replayed").asLong()).isEqualTo(15);
    assertThat(rest.exitCode()).as(rest.toString()).isZero();
    assertThat(rest.json().get("replayed").asLong()).isEqualTo(25);
    assertThat(movieIds(kafka, "kip848-target", 40)).hasSize(40).doesNotHaveDuplicates();
    assertThat(kafka.lag("kip848-group", "kip848.dlq")).isZero();
  }

  /** Replays kip848.dlq in group kip848-group with a client config file, JSON output. */
  private static CliResult replayWithConfig(KafkaCluster kafka, Path config, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replay",
                "--command-config",
                config.toString(),
                "--topic",
                "kip848.dlq",
                "--group",
                "kip848-group",
                "--output",
                "json"));
    args.addAll(List.of(more));
    return cli(kafka, args.toArray(String[]::new));
  }

  /**
   * The replay dies right after a batch was acknowledged and before its offsets were committed (the
   * worst moment), twice; the runs after it find those records on the target and do not send them
   * again.
   */
  @Test
  void replayThatDiesBetweenAcknowledgementAndCommitMovesEachRecordOnce(KafkaCluster kafka)
      throws Exception {
    kafka.createTopic("die.dlq", 3, 1);
    kafka.createTopic("die-target", 4, 1);
    List<DeadLetterFixtures.Letter> letters = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      letters.add(letter("die-target", i % 4, "PROCESSING_ERROR", DB_DOWN, 4000 + i));
    }
    write(kafka, "die.dlq", letters);
    String[] args = {
      "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "die.dlq", "--group", "die-group"
    };

    assertThatThrownBy(() -> replayDyingAtBatch(args, 2)).hasMessage("simulated crash at batch 2");
    long afterFirstCrash = total(kafka, "die-target");
    assertThatThrownBy(() -> replayDyingAtBatch(args, 3)).hasMessage("simulated crash at batch 3");
    long afterSecondCrash = total(kafka, "die-target");
    CliResult rest =
        cli(kafka, "replay", "--topic", "die.dlq", "--group", "die-group", "--output", "json");

    assertThat(afterFirstCrash).isBetween(2L, 20L); // two batches of at most 10 were sent
    assertThat(afterSecondCrash).isGreaterThan(afterFirstCrash);
    assertThat(rest.exitCode()).as(rest.toString()).isZero();
    assertThat(rest.json().get("alreadyReplayed").asLong()).isPositive();
    assertThat(rest.err()).contains("was interrupted; looking for its records");
    List<Integer> ids = movieIds(kafka, "die-target", 90);
    assertThat(ids).hasSize(90).doesNotHaveDuplicates();
    assertThat(total(kafka, "die-target")).isEqualTo(90);
    assertThat(kafka.lag("die-group", "die.dlq")).isZero();
  }

  /** Runs {@code dlq replay} in this JVM with polls of 10 records, dying after batch {@code n}. */
  private static void replayDyingAtBatch(String[] args, int n) {
    DlqReplayCommand command = new DlqReplayCommand();
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(new StringWriter()));
    line.setErr(new PrintWriter(new StringWriter()));
    line.parseArgs(args);
    command.call(
        10,
        new DlqReplayRun.Hooks() {
          @Override
          public void afterSendsAcknowledged(int batch) {
            if (batch == n) {
              throw new IllegalStateException("simulated crash at batch " + n);
            }
          }
        });
  }
}
