package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Arguments of {@code recommendations}, {@code serve} and {@code --bounds}: nothing connects. */
class RecommendationsArgumentsTest {

  @ParameterizedTest
  @ValueSource(strings = {"recommendations", "serve"})
  void commandsHaveHelp(String command) {
    CliResult result = CliResult.run(command, "--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Usage: ratings " + command)
        .contains("--bootstrap-servers", "--command-config", "--topic");
  }

  @Test
  void helpNamesTheOptions() {
    assertThat(CliResult.run("recommendations", "--help").out())
        .contains("--user", "--timeout", "--output", "(default: recommendations)");
    assertThat(CliResult.run("serve", "--help").out())
        .contains("--port", "--host", "(default: 8000)", "/users/{id}/recommendations", "/health");
    assertThat(CliResult.run("--help").out()).contains("recommendations", "serve");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "recommendations                        | Missing required option: '--user=N'",
        "recommendations --user 0               | --user must be a user id in 1..2147483647, was 0",
        "recommendations --user -4              | --user must be a user id in 1..2147483647, was -4",
        "recommendations --user abc             | Invalid value for option '--user'",
        "recommendations --user 1 --timeout 0   | --timeout must be 1 to 86400 seconds, was 0",
        "recommendations --user 1 --topic a/b   | --topic must be a Kafka topic name",
        "recommendations --user 1 --output xml  | Invalid value for option '--output'",
        "serve --port 65536                     | --port must be 0 (any free port) to 65535, was 65536",
        "serve --port -1                        | --port must be 0 (any free port) to 65535, was -1",
        "serve --host ' '                       | --host must not be blank",
        "serve --topic a/b                      | --topic must be a Kafka topic name",
        "produce --bounds ml-100k               | bounds must be ml-20m, ml-25m, ml-32m or"
            + " users=MIN..MAX,movies=MIN..MAX",
        "consume --bounds users=9..1,movies=1..5 | minUserId 9 must be <= maxUserId 1",
        "consume --bounds users=1..5            | got 'users=1..5'",
      })
  void badValuesAreUsageErrorsWithAClearMessage(String args, String message) {
    CliResult result = CliResult.run(CliArgumentsTest.split(args));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(message).contains("Usage:");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void boundsAcceptPresetsAndExplicitRangesOnProduceAndConsume() {
    assertThat(boundsOf("produce")).isEqualTo(RatingBounds.ML_20M);
    assertThat(boundsOf("consume")).isEqualTo(RatingBounds.ML_20M);
    assertThat(boundsOf("produce", "--bounds", "ml-32m")).isEqualTo(RatingBounds.ML_32M);
    assertThat(boundsOf("consume", "--bounds", "ML-25M")).isEqualTo(RatingBounds.ML_25M);
    assertThat(boundsOf("produce", "--bounds", "users=1..200000,movies=1..300000"))
        .isEqualTo(new RatingBounds(1, 200_000, 1, 300_000));
    assertThat(CliResult.run("produce", "--help").out()).contains("--bounds");
    assertThat(CliResult.run("consume", "--help").out()).contains("--bounds");
  }

  private static RatingBounds boundsOf(String... args) {
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
    Object command = parsed.subcommand().commandSpec().userObject();
    BoundsOption option =
        command instanceof ProduceCommand p
            ? p.boundsOption
            : ((ConsumeCommand) command).boundsOption;
    return option.bounds;
  }

  @Test
  void textListsRankMovieScoreKindVersionAndTimes() {
    RecommendationEvent event =
        new RecommendationEvent(
            42,
            RecommendationEvent.Kind.FALLBACK,
            "als-20251029-101530-123",
            1_761_763_122_410L,
            1_761_763_121_809L,
            List.of(new RecommendedItem(318, 4.91), new RecommendedItem(858, 4.875)));

    String text = RecommendationsCommand.toText(event);

    assertThat(text)
        .startsWith("User 42: 2 recommendations (fallback, model als-20251029-101530-123)\n")
        .contains(
            "generated at 2025-10-29T18:38:42.410Z, after the rating of 2025-10-29T18:38:41.809Z")
        .contains("rank  movieId  score")
        .contains("   1      318  4.910")
        .contains("   2      858  4.875");
  }
}
