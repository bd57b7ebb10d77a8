package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wrong bootstrap address fails every subcommand with a clear message and exit code 3 within
 * seconds, not a hang. No broker needed: the address is a closed local port (or a name that does
 * not resolve).
 */
@Timeout(60)
class UnreachableClusterTest {

  private static String closedPort;

  @BeforeAll
  static void findClosedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = "127.0.0.1:" + socket.getLocalPort();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"create-topics", "produce", "consume", "verify", "demo"})
  void closedPortFailsFastWithAClearMessage(String command) {
    long start = System.nanoTime();
    CliResult result = CliResult.run(command, "--bootstrap-servers", closedPort);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(result.err())
        .contains("Cannot reach Kafka at " + closedPort + " within 5 s")
        .contains("--bootstrap-servers")
        .doesNotContain("Exception:\n\tat");
    assertThat(result.out()).doesNotContain("{");
    assertThat(took).as("bounded by the connect timeout").isLessThan(Duration.ofSeconds(20));
  }

  @ParameterizedTest
  @ValueSource(strings = {"produce", "verify"})
  void unresolvableHostFailsWithAClearMessage(String command) {
    CliResult result = CliResult.run(command, "--bootstrap-servers", "no-such-broker.invalid:9092");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(result.err()).contains("Cannot reach Kafka at no-such-broker.invalid:9092");
  }
}
