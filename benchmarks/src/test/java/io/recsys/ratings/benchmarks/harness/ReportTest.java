package io.recsys.ratings.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The summary, the table and the JSON document of a made-up run, without a broker: the means and
 * ratios are worked out right, every figure the table needs is found, and the JSON has the shape
 * that readers of {@code harness-result.json} rely on.
 */
class ReportTest {

  private static ToolProducerRun tool(double recordsPerSec, double p50, double p99) {
    return new ToolProducerRun(1000, recordsPerSec, recordsPerSec / 10_000, 2, 9, p50, p99, p99);
  }

  private static SdkProducerRun sdk(String api, double recordsPerSec, double p50, double p99) {
    return new SdkProducerRun(
        1000, 1, api, 0, 1, recordsPerSec, recordsPerSec / 10_000, 68.5, 2, p50, p99, p99, 9);
  }

  private static ToolConsumerRun toolConsumer(double recordsPerSec) {
    // 1000 records of 100 bytes each: 0.1 MB
    return new ToolConsumerRun(
        0.1, recordsPerSec * 1e-4, 1000, recordsPerSec, 300, 0.5, 0.2, 2 * recordsPerSec);
  }

  private static SdkConsumerRun sdkConsumer(double recordsPerSec) {
    return new SdkConsumerRun(
            1000, 1000, 0, 0, 1, recordsPerSec, 0.5, 2 * recordsPerSec, 800, 1, null, null)
        .withBytesPerRecord(1e-4);
  }

  private static HarnessReport.Round round(int r, double sdkFactor) {
    return new HarnessReport.Round(
        r,
        tool(100_000, 10, 20),
        sdk("submit", 100_000 * sdkFactor, 5, 10),
        sdk("send", 90_000, 10, 30),
        toolConsumer(200_000),
        sdkConsumer(200_000 * sdkFactor),
        new PlainConsumerRun(1000, 1, 150_000, 15, 0.5, 300_000, 30),
        sdkConsumer(100_000));
  }

  private static HarnessReport report(Options options) {
    List<HarnessReport.Round> rounds = List.of(round(1, 1.0), round(2, 0.8));
    HarnessReport.FixedRate fixed =
        new HarnessReport.FixedRate(
            2000,
            3,
            List.of(tool(2000, 2, 4), tool(2000, 4, 8)),
            List.of(sdk("send", 2000, 3, 6), sdk("send", 2000, 3, 6)));
    EndToEndRun e2e = new EndToEndRun(2000, 3, 1, 8000, 8000, 6000, 3, 12, 20, 25, 12);
    HarnessReport.SteadyState steady =
        new HarnessReport.SteadyState(
            "ratings-steady-state",
            5000,
            List.of(
                new HarnessReport.SteadyStatePair(
                    1, toolConsumer(400_000), sdkConsumer(300_000), 0.75, 0.8)));
    return new HarnessReport(
        new HarnessReport.Meta(
            "2026-01-01T00:00:00Z",
            true,
            2,
            "17",
            List.of("-Xmx1g"),
            List.of(),
            0.5,
            "ratings-harness-1",
            1),
        new HarnessReport.Settings(
            "ratings",
            6,
            Map.of("compression.type", "lz4"),
            1000,
            2,
            Map.of("acks", "all", "linger.ms", 5),
            Map.of("max.poll.records", 2000),
            1000),
        new HarnessReport.WarmUp("ratings-warm-up", 1000, 3.5),
        rounds,
        List.of(
            new HarnessReport.ScalingRow(
                1,
                1000,
                "submit",
                1,
                100_000,
                10,
                5,
                10,
                List.of(100_000.0),
                120_000,
                12,
                List.of(120_000.0))),
        fixed,
        e2e,
        steady,
        Summary.of(rounds, fixed, e2e, steady));
  }

  @Test
  void worksOutMeansRatiosAndGoals() {
    Summary s = report(Options.parse("--smoke", "--threads", "1")).summary();

    assertThat(s.means().ratingProducer().recordsPerSec()).isEqualTo(90_000.0);
    assertThat(s.ratios().ratingProducerToProducerPerformance().recordsPerSec()).isEqualTo(0.9);
    assertThat(s.ratios().ratingProducerToProducerPerformance().latencyP99Ms()).isEqualTo(0.5);
    assertThat(s.ratios().producerRecordsPerSecPerRound()).containsExactly(1.0, 0.8);
    assertThat(s.ratios().ratingConsumerToConsumerPerformance().recordsPerSec()).isEqualTo(0.9);
    assertThat(s.means().ratingConsumer().mbPerSec()).isEqualTo(18.0, within());
    assertThat(s.fixedRateLatencyRatios().latencyP50Ms()).isEqualTo(1.0);
    assertThat(s.goals().producer()).isFalse(); // 0.90 < 0.95
    assertThat(s.goals().consumer()).isTrue(); // 0.90 >= 0.90
    assertThat(s.goals().endToEnd()).isTrue(); // p99 12 ms
    assertThat(s.steadyState().medianRecordsPerSecRatio()).isEqualTo(0.75);
    assertThat(s.steadyState().medianPollingThreadCpuNsPerRecord()).isEqualTo(800.0);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  @Test
  void aCompleteRunMissesNoFigureAndATableIsWritten() {
    Options options = Options.parse("--smoke", "--threads", "1");
    Report r = new Report(report(options), options);

    assertThat(r.missingFigures()).isEmpty();
    assertThat(r.table())
        .contains("SMOKE RUN")
        .contains("| Kafka ProducerPerformance | 100,000 |")
        .contains("| RatingProducer.submit (no future; 1 in 8 sends timed) | 90,000 |")
        .contains("0.90x")
        .contains("RatingProducer.submit >= 0.95x ProducerPerformance: NOT met");
  }

  @Test
  void namesEveryMissingFigure() {
    Options options = Options.parse("--smoke"); // three scaling runs expected, one made
    HarnessReport complete = report(options);
    EndToEndRun noLatency = new EndToEndRun(2000, 3, 1, 8000, 8000, 0, 0, 0, 0, 0, 0);
    HarnessReport broken =
        new HarnessReport(
            complete.meta(),
            complete.settings(),
            complete.warmUp(),
            complete.rounds(),
            complete.scaling(),
            complete.fixedRate(),
            noLatency,
            complete.steadyState(),
            complete.summary());

    assertThat(new Report(broken, options).missingFigures())
        .containsExactly("scaling runs: 1 of 3", "e2e.measured=0.0");
  }

  @Test
  void theJsonKeepsItsShape() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(Report.json(report(Options.parse("--smoke", "--threads", "1"))));

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "meta",
            "settings",
            "warmUp",
            "rounds",
            "scaling",
            "fixedRate",
            "e2e",
            "steadyState",
            "summary");
    assertThat(json.at("/rounds/0").fieldNames())
        .toIterable()
        .containsExactly(
            "round",
            "producerPerformance",
            "ratingProducer",
            "ratingProducerSend",
            "consumerPerformance",
            "ratingConsumer",
            "kafkaConsumerCommitSync",
            "ratingConsumerSynchronous");
    assertThat(json.at("/rounds/0/ratingProducer/api").asText()).isEqualTo("submit");
    assertThat(json.at("/rounds/0/ratingConsumer/mbPerSec").asDouble()).isEqualTo(20.0, within());
    assertThat(json.at("/summary").fieldNames())
        .toIterable()
        .containsExactly("means", "ratios", "fixedRateLatencyRatios", "goals", "steadyState");
    assertThat(json.at("/summary/means/kafkaConsumerCommitSync/fetchRecordsPerSec").asDouble())
        .isEqualTo(300_000.0);
    assertThat(json.at("/summary/ratios/ratingProducerToProducerPerformance").fieldNames())
        .toIterable()
        .containsExactly("recordsPerSec", "mbPerSec", "latencyP50Ms", "latencyP99Ms");
    assertThat(json.at("/summary/ratios/consumerRecordsPerSecPerRound")).hasSize(2);
    assertThat(json.at("/summary/goals").fieldNames())
        .toIterable()
        .containsExactly(
            "ratingProducerAtLeast0.95xProducerPerformance",
            "ratingConsumerAtLeast0.90xConsumerPerformance",
            "e2eP99Below50ms");
    assertThat(json.at("/summary/steadyState/medianFetchRecordsPerSecRatio").asDouble())
        .isEqualTo(0.8);
    assertThat(json.at("/scaling/0/kafkaProducerRecordsPerSec").asDouble()).isEqualTo(120_000.0);
    assertThat(json.at("/e2e/p99Ms").asDouble()).isEqualTo(12.0);
    assertThat(json.at("/meta/workDir").asText()).isEqualTo("ratings-harness-1");
  }

  @Test
  void aRunWithoutSteadyStateLeavesItOut() throws Exception {
    HarnessReport r = report(Options.parse("--smoke", "--threads", "1"));
    HarnessReport without =
        new HarnessReport(
            r.meta(),
            r.settings(),
            r.warmUp(),
            r.rounds(),
            r.scaling(),
            r.fixedRate(),
            r.e2e(),
            null,
            Summary.of(r.rounds(), r.fixedRate(), r.e2e(), null));

    JsonNode json = new ObjectMapper().readTree(Report.json(without));

    assertThat(json.has("steadyState")).isFalse();
    assertThat(json.at("/summary").has("steadyState")).isFalse();
  }
}
