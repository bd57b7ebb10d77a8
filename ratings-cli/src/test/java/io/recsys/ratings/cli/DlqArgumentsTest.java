package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dlq commands' argument checks and exit codes, without a broker. */
class DlqArgumentsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dlq                                      | Missing subcommand: inspect or replay",
        "dlq inspect --top 0                      | --top must be 1 to 1000, was 0",
        "dlq inspect --topic bad/topic            | --topic must be a Kafka topic name",
        "dlq replay --max-replays 0               | --max-replays must be 1 to 1000, was 0",
        "dlq replay --max-records -1              | --max-records must be 0 (no limit) or more",
        "dlq replay --to ratings.dlq              | --to must not be the dead-letter topic itself",
        "dlq replay --since yesterday             | --since: 'yesterday' is not a time",
        "dlq replay --since 1h --until 2h         | must be before --until",
        "dlq replay --timeout 0                   | --timeout must be 1 to 86400 seconds",
      })
  void badValuesAreUsageErrors(String args, String message) {
    CliResult result = CliResult.run(args.trim().split(" +"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "replay"})
  void anUnreachableClusterIsExitThree(String command) throws IOException {
    String closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = "127.0.0.1:" + socket.getLocalPort();
    }

    CliResult result = CliResult.run("dlq", command, "--bootstrap-servers", closedPort);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(result.err()).contains("Cannot reach Kafka at " + closedPort);
  }
}
