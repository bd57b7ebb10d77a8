package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code create-topics --reconcile} adds partitions to the keyed topics (ratings, ratings.dlq,
 * retry topics) only with {@code --allow-repartition}, and provisions retry topics with {@code
 * --retry-delays}. The tests build on each other's topics, hence the order.
 */
@IntegrationTest
@WithKafka(brokerConfig = "auto.create.topics.enable=false")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CreateTopicsRepartitionIntegrationTest {

  @Test
  @Order(1)
  void retryDelaysProvisionTheRetryTopicsOfRatings(KafkaCluster kafka) {
    CliResult result = cli(kafka, "create-topics", "--retry-delays", "1s,30s,30000ms");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("ratings.retry.1s")
        .contains("ratings.retry.30s")
        .contains("Topics are ready.");
    assertThat(kafka.endOffsets("ratings.retry.1s")).hasSize(6);
    assertThat(kafka.endOffsets("ratings.retry.30s")).hasSize(6);
  }

  @Test
  @Order(2)
  void reconcileWithoutPermissionAddsNoPartitionsToKeyedTopicsAndSaysHowToAllowIt(
      KafkaCluster kafka) {
    CliResult plan = cli(kafka, "create-topics", "--partitions", "8");
    CliResult result = cli(kafka, "create-topics", "--partitions", "8", "--reconcile");

    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.out())
        .contains("add partitions 6 -> 8 (keyed topic: moves keys (users) to other partitions")
        .contains("also needs --allow-repartition");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.out()).contains("BLOCKED");
    assertThat(result.err())
        .contains("partitions not added to the keyed topic(s) ratings, ratings.dlq")
        .contains("per-user order")
        .contains("--reconcile --allow-repartition");
    assertThat(kafka.endOffsets("ratings")).hasSize(6);
    assertThat(kafka.endOffsets("ratings.dlq")).hasSize(3);
    assertThat(kafka.endOffsets("metrics")).as("not keyed: partitions added").hasSize(8);
  }

  @Test
  @Order(3)
  void reconcileWithAllowRepartitionAddsThePartitionsAndWarns(KafkaCluster kafka) {
    CliResult result =
        cli(
            kafka,
            "create-topics",
            "--partitions",
            "8",
            "--retry-delays",
            "1s",
            "--reconcile",
            "--allow-repartition");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).contains("warning: added partitions to the keyed topic(s)");
    assertThat(kafka.endOffsets("ratings")).hasSize(8);
    assertThat(kafka.endOffsets("ratings.dlq")).hasSize(8);
    assertThat(kafka.endOffsets("ratings.retry.1s")).hasSize(8);
  }

  @Test
  void allowRepartitionWithoutReconcileIsAUsageError(KafkaCluster kafka) {
    CliResult result = cli(kafka, "create-topics", "--allow-repartition");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--allow-repartition works with --reconcile only");
  }

  @Test
  void badRetryDelaysAreUsageErrors(KafkaCluster kafka) {
    CliResult zero = cli(kafka, "create-topics", "--retry-delays", "0s");
    CliResult word = cli(kafka, "create-topics", "--retry-delays", "soon");

    assertThat(zero.exitCode()).as(zero.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).contains("positive whole number of milliseconds");
    assertThat(word.exitCode()).as(word.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(word.err()).contains("'soon' is not a duration");
  }

  private static CliResult cli(KafkaCluster kafka, String command, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = command;
    all[1] = "--bootstrap-servers";
    all[2] = kafka.bootstrapServers();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliResult.run(all);
  }
}
