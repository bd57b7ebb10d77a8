package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checks of {@code consume --concurrency / --publish-stats / --metrics-topic} (no broker). */
class ConsumeRuntimeOptionsTest {

  @Test
  void concurrencyOutOfRangeIsAUsageError() {
    CliResult zero = CliResult.run("consume", "--concurrency", "0");
    assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).contains("--concurrency must be between 1 and 256, was 0");
    assertThat(CliResult.run("consume", "--concurrency", "257").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void maxMessagesCannotBeSplitBetweenConsumers() {
    CliResult r = CliResult.run("consume", "--concurrency", "2", "--max-messages", "10");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--max-messages cannot be combined with --concurrency above 1");
  }

  @Test
  void anIllegalMetricsTopicIsAUsageError() {
    CliResult r = CliResult.run("consume", "--metrics-topic", "no spaces");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--metrics-topic must be a Kafka topic name");
  }

  @Test
  void helpListsTheOptions() {
    assertThat(CliResult.run("consume", "--help").out())
        .contains("--concurrency=N")
        .contains("--publish-stats")
        .contains("--metrics-topic=TOPIC");
  }
}
