package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ratings dlq replay} run as a user runs it (the built jar in a child JVM) and killed with
 * SIGKILL once it has started sending; run again, it finishes the job and every dead letter is on
 * the target exactly once.
 */
@IntegrationTest
@WithKafka
class DlqReplayKillIntegrationTest {
  private static final Logger LOG = LoggerFactory.getLogger(DlqReplayKillIntegrationTest.class);

  private static final int N = 30_000;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void replayKilledMidwayAndRunAgainMovesEachDeadLetterBackOnce(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    kafka.createTopic("kill.dlq", 3, 1);
    kafka.createTopic("kill-target", 3, 1);
    List<DeadLetterFixtures.Letter> letters = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      letters.add(
          DeadLetterFixtures.letter(
              "kill-target",
              i % 3,
              "PROCESSING_ERROR",
              "java.io.IOException: db down",
              100_000 + i));
    }
    DeadLetterFixtures.write(kafka, "kill.dlq", letters);

    long atKill;
    try (JarProcess replay =
        JarProcess.start(
            dir,
            "dlq",
            "replay",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            "kill.dlq",
            "--group",
            "kill-group")) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (DeadLetterFixtures.total(kafka, "kill-target") == 0
          && replay.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(DeadLetterFixtures.total(kafka, "kill-target"))
          .as("the replay started sending; stderr: %s", replay.err())
          .isPositive();
    } // close() kills the child with SIGKILL if it is still running
    atKill = DeadLetterFixtures.total(kafka, "kill-target");
    LOG.info("replay killed after {} of {} dead letters reached the target", atKill, N);

    CliResult rest =
        CliResult.run(
            "dlq",
            "replay",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            "kill.dlq",
            "--group",
            "kill-group",
            "--timeout",
            "60",
            "--output",
            "json");

    assertThat(rest.exitCode()).as(rest.toString()).isZero();
    assertThat(rest.json().get("replayed").asLong() + rest.json().get("alreadyReplayed").asLong())
        .isLessThanOrEqualTo(N);
    assertThat(DeadLetterFixtures.movieIds(kafka, "kill-target", N))
        .hasSize(N)
        .doesNotHaveDuplicates();
    assertThat(DeadLetterFixtures.total(kafka, "kill-target")).isEqualTo(N);
    assertThat(kafka.lag("kill-group", "kill.dlq")).isZero();
  }
}
