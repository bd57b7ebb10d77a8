package io.recsys.ratings.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.ratings.testkit.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness in smoke mode (a real broker process, both Kafka tools, every SDK workload
 * in child JVMs) and checks that every figure of the report is there and finite. Says nothing about
 * speed: that is what the full run is for.
 *
 * <p>The run does a fixed amount of work (5,000 records per run, about 35 child JVMs), however long
 * that takes: on a busy machine each JVM start and the broker's start take several times longer
 * than on an idle one. Every wait inside the harness has its own generous bound that only a broken
 * step reaches (the broker's start 5 minutes, each child run 10), so this test's own timeout is
 * only a guard against a hang, far above any duration a slow machine causes.
 */
@IntegrationTest
class HarnessSmokeIntegrationTest {

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void smokeRunProducesEveryFigureAndCleansUp(@TempDir Path tmp) throws Exception {
    Path output = tmp.resolve("harness-result.json");
    List<ProcessHandle> before = ProcessHandle.current().children().toList();

    int status = Harness.run("--smoke", "--output", output.toString());

    assertThat(status).as("harness exit status (see the test output)").isZero();
    JsonNode report = new ObjectMapper().readTree(Files.readString(output));
    List<String> bad = new ArrayList<>();
    for (String workload :
        List.of(
            "producerPerformance",
            "ratingProducer",
            "ratingProducerSend",
            "consumerPerformance",
            "ratingConsumer",
            "ratingConsumerSynchronous",
            "kafkaConsumerCommitSync")) {
      JsonNode means = report.at("/summary/means/" + workload);
      positive(bad, workload + ".recordsPerSec", means.path("recordsPerSec"));
      positive(bad, workload + ".mbPerSec", means.path("mbPerSec"));
    }
    for (String producer : List.of("producerPerformance", "ratingProducer", "ratingProducerSend")) {
      JsonNode means = report.at("/summary/means/" + producer);
      positive(bad, producer + ".latencyP50Ms", means.path("latencyP50Ms"));
      positive(bad, producer + ".latencyP99Ms", means.path("latencyP99Ms"));
    }
    report
        .at("/summary/ratios/ratingProducerToProducerPerformance")
        .properties()
        .forEach(e -> positive(bad, "producer ratio " + e.getKey(), e.getValue()));
    report
        .at("/summary/ratios/ratingProducerSendToProducerPerformance")
        .properties()
        .forEach(e -> positive(bad, "producer (send) ratio " + e.getKey(), e.getValue()));
    report
        .at("/summary/ratios/ratingConsumerToConsumerPerformance")
        .properties()
        .forEach(e -> positive(bad, "consumer ratio " + e.getKey(), e.getValue()));
    report
        .at("/summary/fixedRateLatencyRatios")
        .properties()
        .forEach(e -> positive(bad, "fixed-rate latency ratio " + e.getKey(), e.getValue()));
    assertThat(report.at("/fixedRate/ratingProducer")).hasSize(2);
    assertThat(report.path("rounds")).hasSize(2);
    assertThat(report.at("/warmUp/records").asLong()).isEqualTo(5_000); // before round 1
    assertThat(report.path("scaling")).hasSize(3);
    for (JsonNode s : report.path("scaling")) {
      positive(bad, "scaling SDK", s.path("recordsPerSec"));
      positive(bad, "scaling plain KafkaProducer", s.path("kafkaProducerRecordsPerSec"));
    }
    for (String f : List.of("p50Ms", "p99Ms", "p999Ms", "measured")) {
      positive(bad, "e2e." + f, report.at("/e2e/" + f));
    }
    assertThat(report.at("/e2e/received").asLong())
        .isGreaterThanOrEqualTo(report.at("/e2e/sent").asLong());
    for (JsonNode round : report.path("rounds")) {
      assertThat(round.at("/ratingProducer/api").asText()).isEqualTo("submit");
      assertThat(round.at("/ratingProducerSend/api").asText()).isEqualTo("send");
      assertThat(round.at("/ratingConsumer/valid").asLong()).isEqualTo(5_000);
      assertThat(round.at("/ratingConsumer/invalid").asLong()).isZero();
      assertThat(round.at("/ratingConsumer/malformed").asLong()).isZero();
      assertThat(round.at("/ratingConsumerSynchronous/valid").asLong()).isEqualTo(5_000);
    }
    // the steady-state comparison (off by default, one small pair in smoke mode)
    assertThat(report.at("/steadyState/pairs")).hasSize(1);
    JsonNode pair = report.at("/steadyState/pairs/0");
    assertThat(pair.at("/ratingConsumer/valid").asLong()).isEqualTo(5_000);
    positive(
        bad, "steady-state polling CPU", pair.at("/ratingConsumer/pollingThreadCpuNsPerRecord"));
    positive(bad, "steady-state tool", pair.at("/consumerPerformance/recordsPerSec"));
    for (String f :
        List.of(
            "medianRecordsPerSecRatio",
            "medianFetchRecordsPerSecRatio",
            "medianPollingThreadCpuNsPerRecord")) {
      positive(bad, "steadyState." + f, report.at("/summary/steadyState/" + f));
    }
    assertThat(bad).as("missing, non-finite or non-positive figures").isEmpty();
    assertThat(Path.of(report.at("/meta/workDir").asText())).doesNotExist();
    // the broker and every other child JVM is gone
    assertThat(ProcessHandle.current().children().filter(p -> !before.contains(p)).toList())
        .isEmpty();
  }

  private static void positive(List<String> bad, String name, JsonNode value) {
    if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() <= 0) {
      bad.add(name + "=" + value);
    }
  }
}
