package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.ratings.admin.TopicSpec;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand through its real entry point ({@link Main#run}) against a real broker: argument
 * parsing, exit codes, tables and the JSON summaries.
 */
@IntegrationTest
@WithKafka
class CliIntegrationTest {

  private static String bootstrap;

  @BeforeAll
  static void provisionPipelineTopics(KafkaCluster kafka) {
    bootstrap = kafka.bootstrapServers();
    CliResult result = cli("create-topics");
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  @Test
  void createTopicsIsIdempotentAndPrintsThePlanAndResult() {
    CliResult again = cli("create-topics");

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out())
        .contains("Plan for " + bootstrap)
        .contains("UP_TO_DATE")
        .contains("UNCHANGED")
        .contains("ratings.dlq")
        .contains("metrics")
        .contains("Topics are ready.");
  }

  @Test
  void createTopicsDryRunChangesNothing(KafkaCluster kafka) {
    CliResult dryRun = cli("create-topics", "--partitions", "8", "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out()).contains("dry run: would add partitions 6 -> 8");
    assertThat(kafka.endOffsets("ratings")).hasSize(6);
  }

  @Test
  void createTopicsExitsNonZeroOnAConflict() {
    CliResult result = cli("create-topics", "--partitions", "2");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.out()).contains("CONFLICT").contains("Kafka cannot remove partitions");
    assertThat(result.err()).contains("conflicts");
  }

  @Test
  void createTopicsReportsDriftAndReconcileFixesIt(KafkaCluster kafka) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      ConfigResource metrics = new ConfigResource(ConfigResource.Type.TOPIC, "metrics");
      Map<ConfigResource, Collection<AlterConfigOp>> change =
          Map.of(
              metrics,
              List.of(
                  new AlterConfigOp(
                      new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET)));
      admin.incrementalAlterConfigs(change).all().get();
    }

    CliResult report = cli("create-topics");
    CliResult verifyDrift = cli("verify", "--output", "json");
    CliResult reconcile = cli("create-topics", "--reconcile");
    CliResult verifyAfter = cli("verify", "--output", "json");

    assertThat(report.exitCode()).as(report.toString()).isZero();
    assertThat(report.out())
        .contains("create-only: drift, not alter retention.ms: 3600000")
        .contains("run with --reconcile");
    assertThat(verifyDrift.exitCode()).as(verifyDrift.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(verifyDrift.json().get("problems").toString())
        .contains("topic 'metrics' drifted: retention.ms");
    assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
    assertThat(reconcile.out()).contains("UPDATED");
    assertThat(verifyAfter.exitCode()).as(verifyAfter.toString()).isZero();
    assertThat(verifyAfter.json().get("ok").asBoolean()).isTrue();
  }

  @Test
  void produceSendsValidatedRatingsAndPrintsOneJsonSummary() {
    CliResult result =
        cli(
            "produce",
            "--topic",
            "produce-json",
            "--count",
            "500",
            "--seed",
            "3",
            "--output",
            "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("events").asLong()).isEqualTo(500);
    assertThat(json.get("sent").asLong()).isEqualTo(500);
    assertThat(json.get("failed").asLong()).isZero();
    assertThat(json.get("rejected").asLong()).isZero();
    assertThat(json.get("successRatePct").asDouble()).isEqualTo(100.0);
    long perPartition = 0;
    for (JsonNode p : json.get("partitions")) {
      perPartition += p.get("count").asLong();
      assertThat(p.get("lastOffset").asLong())
          .isGreaterThanOrEqualTo(p.get("firstOffset").asLong());
    }
    assertThat(perPartition).isEqualTo(500);
    assertThat(json.get("latencyMs").get("count").asLong()).isEqualTo(500);
  }

  @Test
  void produceTextSummaryShowsCountsAndPartitions(KafkaCluster kafka) {
    kafka.createTopic("produce-text", 3, 1);

    CliResult result = cli("produce", "--topic", "produce-text", "--count", "50", "--rate", "500");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("sent (acknowledged)")
        .contains("success rate")
        .contains("100.00%")
        .contains("PARTITION  SENT  FIRST-OFFSET  LAST-OFFSET");
    assertThat(kafka.endOffsets("produce-text").values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(50);
  }

  @Test
  void produceReplaysACsvRejectingInvalidRowsAndSkippingBrokenLines(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    kafka.createTopic("produce-csv", 2, 1);
    Path csv = dir.resolve("ratings.csv");
    long now = System.currentTimeMillis() / 1000;
    Files.writeString(
        csv,
        MovieLensCsv.HEADER
            + "\n1,296,4.5,"
            + now
            + "\n2,318,5.0,"
            + now
            + "\n3,50,7.5,"
            + now
            + "\nnot,a,rating,line\n4,1,3.0,"
            + now
            + "\n",
        StandardCharsets.UTF_8);

    CliResult result =
        cli("produce", "--topic", "produce-csv", "--csv", csv.toString(), "--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("events").asLong()).isEqualTo(4);
    assertThat(json.get("sent").asLong()).isEqualTo(3);
    assertThat(json.get("rejected").asLong()).isEqualTo(1);
    assertThat(json.get("skippedLines").asLong()).isEqualTo(1);
    assertThat(result.err()).contains("skipping CSV line");
    assertThat(kafka.awaitRecords("produce-csv", 3, Duration.ofSeconds(10))).hasSize(3);
  }

  @Test
  void consumeClassifiesEveryRecordCommitsAndDeadLetters(KafkaCluster kafka) {
    String topic = "consume-dlq";
    kafka.createTopic(topic, 3, 1);
    RatingGenerator generator =
        RatingGenerator.builder().seed(5).invalidShare(0.05).malformedShare(0.05).build();
    long valid = 0;
    long invalid = 0;
    long malformed = 0;
    for (RatingGenerator.Payload p : generator.payloads(400)) {
      kafka.produce(topic, p.key(), p.value());
      switch (p.expectedKind()) {
        case VALID -> valid++;
        case INVALID -> invalid++;
        case MALFORMED -> malformed++;
      }
    }
    long dlqBefore = total(kafka.endOffsets(DeadLetterHeaders.DEFAULT_TOPIC));

    CliResult result =
        cli(
            "consume",
            "--topic",
            topic,
            "--group",
            "consume-dlq-group",
            "--timeout",
            "3",
            "--dlq",
            "--output",
            "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("total").asLong()).isEqualTo(400);
    assertThat(json.get("valid").asLong()).isEqualTo(valid);
    assertThat(json.get("invalid").asLong()).isEqualTo(invalid);
    assertThat(json.get("malformed").asLong()).isEqualTo(malformed);
    assertThat(json.get("deadLettered").asLong()).isEqualTo(invalid + malformed);
    assertThat(json.get("stopReason").asText()).isEqualTo("IDLE_TIMEOUT");
    long distribution = 0;
    for (JsonNode count : json.get("ratingDistribution")) {
      distribution += count.asLong();
    }
    assertThat(distribution).isEqualTo(valid);
    assertThat(kafka.lag("consume-dlq-group", topic)).isZero();
    assertThat(total(kafka.endOffsets(DeadLetterHeaders.DEFAULT_TOPIC)) - dlqBefore)
        .isEqualTo(invalid + malformed);
  }

  @Test
  void consumeStopsAtMaxMessagesAndResetRereadsFromTheBeginning(KafkaCluster kafka) {
    String topic = "consume-max";
    kafka.createTopic(topic, 2, 1);
    CliResult produced = cli("produce", "--topic", topic, "--count", "300");
    assertThat(produced.exitCode()).as(produced.toString()).isZero();

    CliResult first =
        cli(
            "consume",
            "--topic",
            topic,
            "--group",
            "max-group",
            "--max-messages",
            "100",
            "--output",
            "json");
    long committedAfterFirst = total(kafka.committedOffsets("max-group", topic));
    CliResult rest =
        cli(
            "consume",
            "--topic",
            topic,
            "--group",
            "max-group",
            "--timeout",
            "2",
            "--output",
            "json");
    CliResult again =
        cli("consume", "--topic", topic, "--group", "max-group", "--timeout", "2", "--reset");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.json().get("total").asLong()).isEqualTo(100);
    assertThat(first.json().get("stopReason").asText()).isEqualTo("MAX_MESSAGES");
    assertThat(committedAfterFirst).isEqualTo(100);
    assertThat(rest.json().get("total").asLong()).isEqualTo(200);
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out())
        .containsPattern("total +300 +100.00%")
        .contains("Rating distribution (300 valid ratings")
        .contains(" 4.0 | #");
    assertThat(kafka.lag("max-group", topic)).isZero();
  }

  @Test
  void verifyReportsTopicsOffsetsAndTheGroupsLag(KafkaCluster kafka) {
    String topic = "verify-lag";
    kafka.createTopic(topic, 2, 1);
    CliResult produced = cli("produce", "--topic", topic, "--count", "120");
    CliResult consumed =
        cli("consume", "--topic", topic, "--group", "verify-group", "--max-messages", "120");
    CliResult producedMore = cli("produce", "--topic", topic, "--count", "30", "--seed", "9");
    assertThat(produced.exitCode()).as(produced.toString()).isZero();
    assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
    assertThat(producedMore.exitCode()).as(producedMore.toString()).isZero();

    CliResult json = cli("verify", "--group", "verify-group", "--output", "json");
    CliResult text = cli("verify", "--group", "verify-group");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode report = json.json();
    assertThat(report.get("ok").asBoolean()).isTrue();
    assertThat(report.get("topics")).hasSize(TopicSpec.pipeline().size());
    assertThat(report.get("topics").get(0).get("name").asText()).isEqualTo("ratings");
    assertThat(report.get("topics").get(0).get("partitions")).hasSize(6);
    assertThat(report.get("group").get("totalLag").asLong()).isEqualTo(30);
    assertThat(report.get("group").get("partitions")).hasSize(2);
    assertThat(kafka.lag("verify-group", topic)).isEqualTo(30);
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .contains("Group 'verify-group'")
        .contains("total lag 30")
        .containsPattern("verify-lag +[01] +\\d+ +\\d+ +\\d+")
        .contains("Verdict: OK");
  }

  /** Runs a subcommand against this class's broker. */
  private static CliResult cli(String command, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = command;
    all[1] = "--bootstrap-servers";
    all[2] = bootstrap;
    System.arraycopy(args, 0, all, 3, args.length);
    return CliResult.run(all);
  }

  @Test
  void commandConfigPassesClientPropertiesToEveryClient(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "client.id=from-command-config\nlinger.ms=0\nmax.poll.records=7\n");
    kafka.createTopic("command-config", 2, 1);

    CliResult produced =
        cli(
            "produce",
            "--topic",
            "command-config",
            "--count",
            "20",
            "--command-config",
            config.toString());
    CliResult consumed =
        cli(
            "consume",
            "--topic",
            "command-config",
            "--group",
            "command-config-group",
            "--timeout",
            "2",
            "--command-config",
            config.toString(),
            "--output",
            "json");

    assertThat(produced.exitCode()).as(produced.toString()).isZero();
    assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
    assertThat(consumed.json().get("total").asLong()).isEqualTo(20);
  }

  @Test
  void commandConfigReachesTheProducer(KafkaCluster kafka, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "max.request.size=50\n");
    kafka.createTopic("tiny-requests", 1, 1);

    CliResult result =
        cli(
            "produce",
            "--topic",
            "tiny-requests",
            "--count",
            "5",
            "--command-config",
            config.toString(),
            "--output",
            "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.json().get("failed").asLong()).isEqualTo(5);
    assertThat(result.json().get("firstError").asText()).contains("max.request.size");
  }

  @Test
  void commandConfigReachesTheAdminClient(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "security.protocol=SSL\n");

    CliResult result = cli("verify", "--command-config", config.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(result.err()).contains("Cannot reach Kafka at " + bootstrap);
  }

  @Test
  void propertyTheSdkSetsItselfFailsWithAClearMessage(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "enable.auto.commit=true\n");
    kafka.createTopic("sdk-reserved", 1, 1);

    CliResult result =
        cli("consume", "--topic", "sdk-reserved", "--command-config", config.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("'enable.auto.commit' is set by the SDK and cannot be overridden");
  }

  @Test
  void demoRunsAgainstAGivenCluster() {
    CliResult result = cli("demo");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("[1/6] Using the Kafka cluster at " + bootstrap)
        .contains("rejected (invalid, not sent)  20")
        .contains("Rating distribution")
        .contains("lag 0.")
        .containsPattern("of the latest [\\d,]+ read, [1-9][\\d,]* decode as MetricsEvents")
        .contains("Demo finished");
  }

  private static long total(Map<?, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }
}
