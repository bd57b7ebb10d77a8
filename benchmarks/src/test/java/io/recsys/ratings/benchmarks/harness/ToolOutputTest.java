package io.recsys.ratings.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolOutputTest {

  @Test
  void readsProducerPerformanceSummaryLine() {
    String out =
        "Reading payloads from: /tmp/p.txt\n"
            + "Number of records read: 5000\n"
            + "120010 records sent, 24002.0 records/sec (1.63 MB/sec), 80.1 ms avg latency,"
            + " 700.0 ms max latency.\n"
            + "500000 records sent, 98251.031630 records/sec (6.69 MB/sec), 61.27 ms avg latency,"
            + " 725.00 ms max latency, 43 ms 50th, 150 ms 95th, 211 ms 99th, 400 ms 99.9th.\n";

    ToolProducerRun r = ToolOutput.producerPerformance(out);

    assertThat(r)
        .isEqualTo(new ToolProducerRun(500000L, 98251.031630, 6.69, 61.27, 725.0, 43, 211, 400));
  }

  @Test
  void readsConsumerPerformanceDataLineAndSkipsTheHeader() {
    String out =
        "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
            + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n"
            + "2026-11-24 16:57:01:120, 2026-11-24 16:57:03:620, 143.0510, 57.2204, 2000000,"
            + " 800000.0000, 312, 2188, 65.3798, 914076.7824\n";

    ToolConsumerRun r = ToolOutput.consumerPerformance(out);

    assertThat(r)
        .isEqualTo(
            new ToolConsumerRun(
                143.0510, 57.2204, 2000000L, 800000.0, 312, 2.188, 65.3798, 914076.7824));
  }

  @Test
  void failsWithTheOutputWhenNoSummaryIsThere() {
    assertThatThrownBy(() -> ToolOutput.producerPerformance("Exception in thread main"))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("Exception in thread main");
    assertThatThrownBy(() -> ToolOutput.consumerPerformance("WARNING: Exiting before"))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("WARNING: Exiting before");
  }

  @Test
  void readsTheLastWorkerResultLine() {
    PlainProducerRun first = new PlainProducerRun(3, 1, 0.5, 6.0, 0.1);
    PlainProducerRun last = new PlainProducerRun(3, 2, 0.25, 12.5, 0.2);
    String out =
        "noise\n" + ToolOutput.resultLine(first) + "\nmore noise\n" + ToolOutput.resultLine(last);

    assertThat(ToolOutput.worker(out, PlainProducerRun.class)).isEqualTo(last);
    assertThatThrownBy(() -> ToolOutput.worker("no result", PlainProducerRun.class))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("no result");
  }

  @Test
  void aConsumerWorkerResultWithoutMegabytesRoundTripsAndGetsThemFromTheTool() {
    SdkConsumerRun worker =
        new SdkConsumerRun(5000, 5000, 0, 0, 2.0, 2500.0, 1.0, 5000.0, 900.0, 1, null, null);

    String line = ToolOutput.resultLine(worker);
    SdkConsumerRun read = ToolOutput.worker(line, SdkConsumerRun.class);

    assertThat(line).doesNotContain("mbPerSec");
    assertThat(read).isEqualTo(worker);
    assertThat(read.figures().mbPerSec()).isNaN();
    SdkConsumerRun withMb = read.withBytesPerRecord(0.5);
    assertThat(withMb.mbPerSec()).isEqualTo(1250.0);
    assertThat(withMb.fetchMbPerSec()).isEqualTo(2500.0);
  }

  @Test
  void smokeOptionsCanBeOverriddenAndBadValuesAreNamed() {
    Options o = Options.parse("--records", "7000", "--smoke");

    assertThat(o.smoke).isTrue();
    assertThat(o.records).isEqualTo(7000);
    assertThat(o.e2eSeconds).isEqualTo(3);
    assertThatThrownBy(() -> Options.parse("--rounds", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--rounds must be between 1 and 20, got 0");
    assertThatThrownBy(() -> Options.parse("--bogus", "1")).hasMessage("unknown option --bogus");
  }

  @Test
  void steadyStateIsOffByDefaultOnePairInSmokeModeAndBounded() {
    assertThat(Options.parse().steadyStateRecords).isZero();
    Options smoke = Options.parse("--smoke");
    assertThat(smoke.steadyStateRecords).isEqualTo(5_000);
    assertThat(smoke.steadyStatePairs).isEqualTo(1);
    Options o = Options.parse("--steady-state", "20_000_000", "--steady-state-pairs", "8");
    assertThat(o.steadyStateRecords).isEqualTo(20_000_000);
    assertThat(o.steadyStatePairs).isEqualTo(8);
    assertThatThrownBy(() -> Options.parse("--steady-state-pairs", "0"))
        .hasMessage("--steady-state-pairs must be between 1 and 50, got 0");
  }
}
