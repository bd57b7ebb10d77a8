package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Argument parsing and validation: no broker needed, nothing connects. */
class CliArgumentsTest {

  @ParameterizedTest
  @ValueSource(strings = {"create-topics", "produce", "consume", "verify", "demo"})
  void everySubcommandHasHelp(String command) {
    CliResult result = CliResult.run(command, "--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("Usage: ratings " + command).contains("--help");
  }

  @Test
  void helpOfProduceListsTheOptionsOfTheIssue() {
    String help = CliResult.run("produce", "--help").out();

    assertThat(help)
        .contains(
            "--bootstrap-servers", "--topic", "--count", "--delay", "--rate", "--csv", "--seed");
  }

  @Test
  void helpOfConsumeListsTheOptionsOfTheIssue() {
    String help = CliResult.run("consume", "--help").out();

    assertThat(help)
        .contains(
            "--bootstrap-servers",
            "--topic",
            "--group",
            "--max-messages",
            "--timeout",
            "--reset",
            "--dlq");
  }

  @Test
  void helpOfCreateTopicsListsTheOptionsOfTheIssue() {
    String help = CliResult.run("create-topics", "--help").out();

    assertThat(help)
        .contains(
            "--bootstrap-servers",
            "--partitions",
            "--replication-factor",
            "--dry-run",
            "--reconcile");
  }

  @Test
  void defaultBootstrapServersIsLocalhost9092() {
    for (String command : new String[] {"create-topics", "produce", "consume", "verify"}) {
      String help = CliResult.run(command, "--help").out().replaceAll("\\s+", " ");
      assertThat(help).as(command).contains("(default: localhost:9092)");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "produce --count -5                 | --count must be 0 or more, was -5",
        "produce --delay -1                 | --delay must be between 0 and 3600 seconds, was -1.0",
        "produce --rate -3                  | --rate must be more than 0",
        "produce --rate 0                   | --rate must be more than 0",
        "produce --topic bad/topic          | --topic must be a Kafka topic name",
        "produce --csv /no/such/file.csv    | --csv file is not readable",
        "consume --max-messages -1          | --max-messages must be 0 (no limit) or more, was -1",
        "consume --timeout -2               | --timeout must be between 0 (no timeout) and 86400",
        "consume --group ' '                | --group must not be blank",
        "create-topics --partitions 0       | --partitions must be between 1 and 10000, was 0",
        "create-topics --replication-factor -1 | --replication-factor must be between 1 and 32",
        "produce --count ten                | Invalid value for option '--count'",
        "produce --output xml               | Invalid value for option '--output'",
        "produce --no-such-option           | Unknown option: '--no-such-option'",
      })
  void badValuesAreUsageErrorsWithAClearMessage(String args, String message) {
    CliResult result = CliResult.run(split(args));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(message).contains("Usage:");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unknownKafkaPropertyInCommandConfigIsAUsageErrorNamingIt(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "security.protocol=PLAINTEXT\nsasl.jaas.confg=secret-value\n");

    CliResult result =
        CliResult.run("produce", "--command-config", config.toString(), "--count", "1");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .contains("unknown Kafka client property [sasl.jaas.confg] in " + config)
        .doesNotContain("secret-value");
  }

  @Test
  void unreadableCommandConfigIsAUsageError() {
    CliResult result = CliResult.run("verify", "--command-config", "/no/such/client.properties");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--command-config file cannot be read");
  }

  @Test
  void noSubcommandIsAUsageError() {
    CliResult result = CliResult.run();

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Missing subcommand");
  }

  @Test
  void versionNamesTheBuildAndKafka() {
    CliResult result = CliResult.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("ratings-kafka 0.").contains("Kafka clients 4.");
  }

  static String[] split(String args) {
    return java.util.Arrays.stream(args.trim().split(" (?=(?:[^']*'[^']*')*[^']*$)"))
        .filter(s -> !s.isEmpty())
        .map(s -> s.startsWith("'") ? s.substring(1, s.length() - 1) : s)
        .toArray(String[]::new);
  }
}
