package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --csv} that is not a readable file is a usage error (exit 2) found before the command
 * connects to Kafka, so nothing is sent: the bootstrap address here is a closed port, which would
 * be exit 3 had the command got that far.
 */
class ProduceCsvArgumentsTest {

  @Test
  void aDirectoryAsCsvIsAUsageErrorBeforeAnythingIsSent(@TempDir Path dir) throws IOException {
    CliResult result =
        CliResult.run("produce", "--bootstrap-servers", closedPort(), "--csv", dir.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .contains("--csv file is not readable: " + dir + " is a directory")
        .doesNotContain("Exception");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aMissingCsvIsAUsageError(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.csv");

    CliResult result =
        CliResult.run("produce", "--bootstrap-servers", closedPort(), "--csv", missing.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(missing + " does not exist");
  }

  private static String closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }
}
