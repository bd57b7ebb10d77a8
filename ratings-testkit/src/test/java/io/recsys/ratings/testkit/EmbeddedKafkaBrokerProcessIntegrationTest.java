package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.testkit.internal.BrokerProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedded clusters in the broker process (system property ratings.testkit.broker=process). */
@IntegrationTest
class EmbeddedKafkaBrokerProcessIntegrationTest {

  @AfterEach
  void inJvmAgain() {
    System.clearProperty(EmbeddedKafka.BROKER_PROPERTY);
    System.clearProperty(EmbeddedKafka.BROKER_CLASSPATH_PROPERTY);
  }

  @Test
  void clusterRunsInTheBrokerProcessWithTheSameApi() {
    System.setProperty(EmbeddedKafka.BROKER_PROPERTY, "process");
    EmbeddedKafka kafka = EmbeddedKafka.builder().brokerConfig("num.partitions", "2").start();
    Path data;
    try {
      BrokerProcess process = BrokerProcess.shared();
      assertThat(process.pid()).isNotEqualTo(ProcessHandle.current().pid());
      data = kafka.dataDirectory();
      assertThat(data.resolve("owner.pid")).content().isEqualTo(Long.toString(process.pid()));

      kafka.createTopic("in-process", 1, 1);
      kafka.produce("in-process", null, "one".getBytes(StandardCharsets.UTF_8));
      kafka.restartBroker(0);
      assertThat(kafka.isRunning(0)).isTrue();
      kafka.stopBroker(0);
      assertThat(kafka.isRunning(0)).isFalse();
      kafka.startBroker(0);
      kafka.produce("in-process", null, "two".getBytes(StandardCharsets.UTF_8));
      assertThat(kafka.awaitRecords("in-process", 2, Duration.ofSeconds(60))).hasSize(2);
      kafka.produce("auto-created", null, new byte[1]);
      assertThat(kafka.endOffsets("auto-created")).hasSize(2); // the broker config arrived
    } finally {
      kafka.close();
    }
    assertThat(Files.exists(data)).isFalse();
    assertThat(kafka.isRunning(0)).isFalse();
  }

  @Test
  void aFailedStartReportsTheBrokersMessage() {
    System.setProperty(EmbeddedKafka.BROKER_PROPERTY, "process");
    assertThatThrownBy(() -> EmbeddedKafka.builder().brokerConfig("num.partitions", "many").start())
        .isInstanceOf(KafkaTestkitException.class)
        .hasMessageContaining("num.partitions")
        .hasMessageContaining("many");
  }

  @Test
  void aClassPathWithoutTheTestkitFailsAtOnceSayingWhatItNeeds(@TempDir Path empty)
      throws Exception {
    Path file = empty.resolve("broker.classpath");
    Files.writeString(file, empty.toString());
    System.setProperty(EmbeddedKafka.BROKER_PROPERTY, "process");
    System.setProperty(EmbeddedKafka.BROKER_CLASSPATH_PROPERTY, file.toString());
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> EmbeddedKafka.builder().start())
        .isInstanceOf(KafkaTestkitException.class)
        .hasMessageContaining("the broker process ended")
        .hasMessageContaining(BrokerProcess.MAIN_CLASS)
        .hasMessageContaining(EmbeddedKafka.BROKER_CLASSPATH_PROPERTY);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BrokerProcess.LAUNCH_TIMEOUT);
  }

  @Test
  void brokerProcessEndsWhenTheTestJvmIsKilled() throws Exception {
    Process parent =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-D" + EmbeddedKafka.BROKER_PROPERTY + "=process",
                "-cp",
                System.getProperty("java.class.path"),
                ParentMain.class.getName())
            .redirectErrorStream(true)
            .start();
    Optional<ProcessHandle> child = Optional.empty();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("broker process ")) {
          child = ProcessHandle.of(Long.parseLong(line.substring("broker process ".length())));
          break;
        }
      }
      assertThat(child).as("the parent JVM printed its broker process").isPresent();
      assertThat(child.get().isAlive()).isTrue();
      parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
      assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (child.get().isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(child.get().isAlive()).as("broker process alive 60 s after its parent").isFalse();
    } finally {
      parent.destroyForcibly();
      child.ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * A test JVM that starts a cluster in the broker process, says its pid and waits to be killed.
   */
  public static final class ParentMain {
    private ParentMain() {}

    /**
     * Starts the cluster and sleeps.
     *
     * @param args none
     * @throws InterruptedException never (killed while sleeping)
     */
    public static void main(String[] args) throws InterruptedException {
      EmbeddedKafka kafka = EmbeddedKafka.builder().start();
      System.out.println("broker process " + BrokerProcess.shared().pid());
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
      kafka.close();
    }
  }
}
