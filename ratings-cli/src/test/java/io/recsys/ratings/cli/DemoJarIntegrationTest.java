package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.testkit.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a user runs it: {@code java -jar ratings-cli/target/ratings-cli.jar
 * demo} from the built jar, in its own JVM, with nothing else running. Runs in the {@code
 * integration-test} phase, after {@code package} built the jar.
 */
@IntegrationTest
class DemoJarIntegrationTest {

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void demoFromTheBuiltJarRunsThePipelineAndExitsZero(@TempDir Path dir) throws Exception {
    try (JarProcess demo = JarProcess.start(dir, "demo")) {
      int exit = demo.awaitExit(Duration.ofSeconds(240));
      String out = demo.out();
      String err = demo.err();

      assertThat(exit).as("exit code%n--- stdout%n%s--- stderr%n%s", out, err).isZero();
      assertThat(out)
          .contains("Starting an embedded Kafka broker")
          .contains("CREATED")
          .containsPattern("events +10,000")
          .containsPattern("rejected \\(invalid, not sent\\) +20")
          .contains("Rating distribution (9,980 valid ratings")
          .containsPattern("dead-lettered to ratings.dlq +30")
          .contains("total lag 0")
          .contains("Verdict: OK")
          .contains("lag 0.")
          .contains("Demo finished")
          .contains("Stopping the embedded broker.");
      assertThat(err)
          .doesNotContain("NoClassDefFoundError")
          .doesNotContain("ClassNotFoundException")
          .doesNotContain("ServiceConfigurationError")
          .doesNotContain("StatusLogger");
    }
  }
}
